from django.urls import path

from coproduce.membership.elections.views import lost_codes, officer, public, scrutiny

app_name = "elections"

urlpatterns = [
    # The returning officer's.
    path("", officer.election_list, name="list"),
    path("new/", officer.election_form, name="create"),
    path("<int:pk>/", officer.election_detail, name="detail"),
    path("<int:pk>/edit/", officer.election_form, name="edit"),
    path("<int:pk>/contact/", officer.officer_contact, name="officer_contact"),
    path("<int:pk>/publish/", officer.publish, name="publish"),
    path("<int:pk>/nominations/<int:nomination_pk>/", officer.nomination, name="nomination"),
    path("<int:pk>/close-nominations/", officer.close_nominations, name="close_nominations"),
    path("<int:pk>/letters/", officer.letters, name="letters"),
    path("<int:pk>/paper-ballot/", officer.paper_ballot, name="paper_ballot"),
    path("<int:pk>/new-code/", lost_codes.new_code, name="new_code"),
    path("<int:pk>/new-code/<int:voter_pk>/", lost_codes.new_code_voter, name="new_code_voter"),
    path("<int:pk>/close-poll/", officer.close_poll, name="close_poll"),
    path("<int:pk>/count/", officer.count, name="count"),
    # The scrutineer's.
    path("scrutiny/", scrutiny.scrutiny_list, name="scrutiny_list"),
    path("<int:pk>/ballots.csv", scrutiny.ballots_download, name="ballots_download"),
    path("<int:pk>/recount/", scrutiny.recount, name="recount"),
    # Public (core/middleware.py PUBLIC_URL_NAMES).
    path("<int:pk>/notice/", public.notice, name="election_notice"),
    path("<int:pk>/candidates/<int:nomination_pk>/", public.candidate, name="election_candidate"),
    path("<int:pk>/nominate/", public.nominate, name="election_nominate"),
    path("<int:pk>/nominate/sent/", public.nominated, name="election_nominated"),
    path("<int:pk>/vote/", public.vote, name="election_vote"),
    path("<int:pk>/vote/done/", public.voted, name="election_voted"),
    path("<int:pk>/result/", public.result, name="election_result"),
]
