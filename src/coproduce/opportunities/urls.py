from django.urls import path  # noqa: F401 (each part below adds its paths)

from coproduce.opportunities.confidential import urls as confidential_urls
from coproduce.opportunities.views import answers, attendance, calendar, invitations, portal
from coproduce.opportunities.views import groups as group_views
from coproduce.opportunities.views import opportunities as opportunity_views
from coproduce.opportunities.views import requests as request_views
from coproduce.opportunities.views import shortlist as shortlist_views

app_name = "opportunities"

# Each part of this app keeps its paths together, under its heading.
urlpatterns = [
    # Requests for involvement, publishing, sessions and groups
    path("requests/", request_views.index, name="request_list"),
    path("requests/new/", request_views.new, name="request_new"),
    path("requests/<int:pk>/", request_views.detail, name="request_detail"),
    path("requests/<int:pk>/edit/", request_views.edit, name="request_edit"),
    path("review/", request_views.queue, name="review_queue"),
    path("review/<int:pk>/", request_views.review, name="request_review"),
    path("opportunities/", opportunity_views.index, name="opportunity_list"),
    path("opportunities/new/", opportunity_views.new, name="opportunity_new"),
    path("opportunities/<int:pk>/", opportunity_views.detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", opportunity_views.edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/publish/", opportunity_views.publish, name="opportunity_publish"),
    path(
        "opportunities/<int:pk>/sessions/add/",
        opportunity_views.add_session,
        name="session_add",
    ),
    path("sessions/<int:pk>/edit/", opportunity_views.edit_session, name="session_edit"),
    path("sessions/<int:pk>/cancel/", opportunity_views.cancel_session, name="session_cancel"),
    path("groups/", group_views.index, name="group_list"),
    path("groups/new/", group_views.new, name="group_new"),
    path("groups/<int:pk>/", group_views.detail, name="group_detail"),
    path("groups/<int:pk>/edit/", group_views.edit, name="group_edit"),
    path("groups/<int:pk>/members/add/", group_views.add_member, name="group_member_add"),
    path(
        "groups/<int:pk>/members/<int:membership_pk>/remove/",
        group_views.remove_member,
        name="group_member_remove",
    ),
    path("groups/<int:pk>/series/new/", group_views.new_series, name="group_series_new"),
    # The shortlist
    path("opportunities/<int:pk>/shortlist/", shortlist_views.shortlist, name="shortlist"),
    # Invitations and places
    path("opportunities/<int:pk>/invite/", invitations.invite, name="invite"),
    path("invitations/sent/<int:pk>/", invitations.invite_run, name="invite_run"),
    path("sessions/<int:pk>/places/", invitations.session_places, name="session_places"),
    path("invitations/<int:pk>/withdraw/", invitations.withdraw, name="invitation_withdraw"),
    path(
        "invitations/<int:pk>/cancel/",
        invitations.cancel_for_expert,
        name="invitation_cancel",
    ),
    # Public: answer links from emails work without signing in.
    path("invitations/answer/<str:token>/", answers.answer, name="invitation_answer"),
    path("invitations/answer/<str:token>/done/", answers.answered, name="invitation_answered"),
    # Attendance, the expert's pages and the calendar
    path(
        "sessions/<int:pk>/attendance/",
        attendance.session_attendance,
        name="session_attendance",
    ),
    path(
        "sessions/<int:pk>/attendance/add/",
        attendance.add_attendee,
        name="session_attendee_add",
    ),
    path("me/involvement/", portal.my_involvement, name="my_involvement"),
    path(
        "me/involvement/<int:pk>/answer/",
        portal.answer_invitation,
        name="answer_invitation",
    ),
    path("me/calendar/reset/", portal.reset_my_calendar, name="my_calendar_reset"),
    path("calendar/", calendar.calendar_month, name="calendar"),
    path("calendar/list/", calendar.calendar_list, name="calendar_list"),
    path("calendar/download.ics", calendar.calendar_download, name="calendar_download"),
    path("calendar/feed/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Confidential work (serious incident and patient safety investigations)
    *confidential_urls.urlpatterns,
]
