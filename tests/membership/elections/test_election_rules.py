"""Each rule of an election, through the services: the timetable, nominations and their
decisions, closing nominations (unopposed, or the poll with its frozen voters), one vote per
code, no tally before the close, the count, the declaration, the letters' codes and the
disposal of election documents."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.elections import codes, disposal, results, services
from coproduce.membership.elections.choices import Method, NominationStatus, Status
from coproduce.membership.elections.forms import ElectionForm
from coproduce.membership.elections.models import Ballot, HasVoted, Nomination, Result, Voter
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "title": "Governors",
        "constituency": str(h.constituency().pk),
        "seats": "1",
        "method": "fptp",
    }
    for name, day in {**h.timetable(), **changes}.items():
        data[f"{name}-day"], data[f"{name}-month"], data[f"{name}-year"] = (
            day.day,
            day.month,
            day.year,
        )
    from coproduce.membership.members.models import Constituency

    return ElectionForm(data, constituencies=list(Constituency.objects.all()))


def test_a_timetable_in_order_is_accepted():
    form = _form()
    assert form.is_valid(), form.errors


def test_a_poll_opening_before_withdrawals_close_is_explained():
    form = _form(poll_opens=h.DAY + timedelta(days=16))
    assert not form.is_valid()
    assert form.errors["poll_opens"] == ["The poll must open after withdrawals close"]


def test_a_declaration_before_the_close_is_explained():
    form = _form(declaration=h.DAY + timedelta(days=30))
    assert form.errors["declaration"] == ["The result cannot be declared before the poll closes"]


def test_a_missing_date_names_what_is_missing():
    form = _form()
    form.data = {
        **form.data,
        "poll_closes-day": "",
        "poll_closes-month": "",
        "poll_closes-year": "",
    }
    assert not form.is_valid()
    assert form.errors["poll_closes"] == ["Enter the last day of the poll"]


def test_publishing_the_notice_opens_nominations_and_is_audited():
    e = h.election(status=Status.DRAFT)
    services.publish_notice(actor=h.officer(), election=e)
    e.refresh_from_db()
    assert e.status == Status.NOMINATIONS
    assert AuditEvent.objects.filter(summary__startswith="Notice of election published").exists()
    with pytest.raises(services.ElectionError):
        services.publish_notice(actor=h.officer(), election=e)


def test_a_member_of_the_constituency_is_found_by_name_email_and_birth():
    e = h.election()
    m = h.member(e.constituency, "Ann  Able", email="ann@example.org")
    found = services.find_nominee(
        election=e, full_name="ann able", email="ANN@example.org ", date_of_birth=m.date_of_birth
    )
    assert found == m


@pytest.mark.parametrize("who", ["other constituency", "left", "wrong name", "wrong birth"])
def test_someone_not_a_current_member_of_the_constituency_is_not_found(who):
    e = h.election()
    place = h.constituency() if who == "other constituency" else e.constituency
    m = h.member(place, "Ann Able", email="ann@example.org", left=who == "left")
    born = m.date_of_birth + timedelta(days=1) if who == "wrong birth" else m.date_of_birth
    name = "Anne Able" if who == "wrong name" else "Ann Able"
    assert (
        services.find_nominee(
            election=e, full_name=name, email="ann@example.org", date_of_birth=born
        )
        is None
    )


def test_a_nomination_after_nominations_close_is_refused_and_nothing_saved():
    e = h.election()
    m = h.member(e.constituency, "Ann Able")
    with pytest.raises(services.ElectionError, match="closed"):
        services.submit_nomination(
            election=e, member=m, statement="Hi", interests="", now=h.AFTER_WITHDRAWALS
        )
    assert not e.nominations.exists()


def test_a_second_nomination_from_the_same_member_is_explained():
    e = h.election()
    m = h.member(e.constituency, "Ann Able")
    services.submit_nomination(
        election=e, member=m, statement="Hi", interests="", now=h.NOMINATIONS
    )
    with pytest.raises(services.ElectionError, match="already sent"):
        services.submit_nomination(
            election=e, member=m, statement="Hi", interests="", now=h.NOMINATIONS
        )


def test_a_rejection_needs_a_reason_and_is_recorded_with_who_decided():
    e = h.election()
    n = h.candidate(e, "Ann Able", status=NominationStatus.SUBMITTED)
    ro = h.officer()
    with pytest.raises(services.ElectionError, match="reason"):
        services.decide_nomination(actor=ro, nomination=n, accept=False, reason=" ")
    services.decide_nomination(
        actor=ro, nomination=n, accept=False, reason="Not a member here", now=h.NOMINATIONS
    )
    n.refresh_from_db()
    assert (n.status, n.reason, n.decided_by, n.decided_at) == (
        "rejected",
        "Not a member here",
        ro,
        h.NOMINATIONS,
    )


def test_a_withdrawal_after_withdrawals_close_is_refused():
    e = h.election()
    n = h.candidate(e, "Ann Able")
    with pytest.raises(services.ElectionError, match="Withdrawals"):
        services.withdraw_nomination(actor=h.officer(), nomination=n, now=h.AFTER_WITHDRAWALS)
    services.withdraw_nomination(actor=h.officer(), nomination=n, now=h.NOMINATIONS)
    n.refresh_from_db()
    assert n.status == NominationStatus.WITHDRAWN


def test_nominations_cannot_close_while_withdrawals_are_open_or_a_nomination_is_undecided():
    e = h.election()
    h.candidate(e, "Ann Able", status=NominationStatus.SUBMITTED)
    with pytest.raises(services.ElectionError, match="Withdrawals are still open"):
        services.close_nominations(actor=h.officer(), election=e, now=h.NOMINATIONS)
    with pytest.raises(services.ElectionError, match="every nomination"):
        services.close_nominations(actor=h.officer(), election=e, now=h.AFTER_WITHDRAWALS)


def test_no_more_candidates_than_seats_are_declared_elected_without_a_poll():
    e = h.election(seats=2)
    h.candidate(e, "Ben Baker")
    h.candidate(e, "Ann Able")
    h.candidate(e, "Wil Withdrawn", status=NominationStatus.WITHDRAWN)
    e = services.close_nominations(actor=h.officer(), election=e, now=h.AFTER_WITHDRAWALS)
    assert e.status == Status.UNCONTESTED
    assert e.result.elected == ["Ann Able", "Ben Baker"]
    assert e.result.declared_at is not None
    assert not Voter.objects.filter(election=e).exists()


def test_a_contested_election_freezes_the_current_members_of_the_constituency_as_voters():
    place = h.constituency()
    e = h.election(place)
    h.candidate(e, "Ann Able")
    h.candidate(e, "Ben Baker")
    by_email = h.member(place, "Em Mail", email="em@example.org")
    by_post = h.member(place, "Po Stal")
    h.member(place, "Lef Tearlier", left=True)
    h.member(h.constituency(), "Else Where", email="else@example.org")
    e = services.close_nominations(actor=h.officer(), election=e, now=h.AFTER_WITHDRAWALS)
    assert e.status == Status.POLL and e.voters_frozen_at == h.AFTER_WITHDRAWALS
    voters = {
        v.member.full_name: v.delivery
        for v in Voter.objects.filter(election=e).select_related("member")
    }
    assert voters == {
        "Ann Able": "post",
        "Ben Baker": "post",
        "Em Mail": "email",
        "Po Stal": "post",
    }
    assert by_email and by_post
    # A member who joins after the freeze is not on the list.
    h.member(place, "Late Joiner", email="late@example.org")
    assert Voter.objects.filter(election=e).count() == 4


def test_a_code_votes_once_and_the_ballot_is_kept_without_the_voter():
    e, standing, codes_ = h.poll()
    ballot = services.cast_vote(
        election=e, code=codes_[0], preferences=[standing[1].pk], now=h.DURING_POLL
    )
    assert ballot.preferences == [standing[1].pk]
    assert HasVoted.objects.count() == 1
    with pytest.raises(services.VoteRefused) as refused:
        services.cast_vote(
            election=e, code=codes_[0], preferences=[standing[0].pk], now=h.DURING_POLL
        )
    assert str(refused.value) == services.ALREADY_VOTED
    assert Ballot.objects.count() == 1


def test_a_code_is_read_however_it_is_typed():
    e, standing, codes_ = h.poll()
    typed = codes_[0].replace("-", " ").lower()
    services.cast_vote(election=e, code=typed, preferences=[standing[0].pk], now=h.DURING_POLL)
    assert Ballot.objects.count() == 1


def test_a_code_for_another_election_an_unknown_code_and_a_vote_outside_the_poll_are_refused():
    e, standing, codes_ = h.poll()
    other, _, other_codes = h.poll()
    cases = [
        (dict(code=other_codes[0], now=h.DURING_POLL), services.OTHER_ELECTION),
        (dict(code=codes.new_code(), now=h.DURING_POLL), services.UNKNOWN_CODE),
        (dict(code=codes_[0], now=h.AFTER_POLL), "The poll for this election has closed."),
        (
            dict(code=codes_[0], now=h.AFTER_WITHDRAWALS),
            "The poll for this election has not opened yet.",
        ),
    ]
    for given, message in cases:
        with pytest.raises(services.VoteRefused) as refused:
            services.cast_vote(election=e, preferences=[standing[0].pk], **given)
        assert str(refused.value) == message
    assert not Ballot.objects.exists() and not HasVoted.objects.exists()


def test_a_first_past_the_post_ballot_over_the_seats_or_empty_is_refused():
    e, standing, codes_ = h.poll(seats=1)
    for preferences in (
        [],
        [standing[0].pk, standing[1].pk],
        [standing[0].pk, standing[0].pk],
        [999999],
    ):
        with pytest.raises(services.VoteRefused):
            services.cast_vote(
                election=e, code=codes_[0], preferences=preferences, now=h.DURING_POLL
            )
    assert not Ballot.objects.exists() and not HasVoted.objects.exists()


def test_nobody_can_read_or_count_the_ballots_before_the_poll_closes():
    e, standing, codes_ = h.poll()
    services.cast_vote(election=e, code=codes_[0], preferences=[standing[0].pk], now=h.DURING_POLL)
    with pytest.raises(results.PollStillOpen):
        results.stored_ballots(e)
    with pytest.raises(services.ElectionError, match="after the poll has closed"):
        services.run_count(actor=h.officer(), election=e, now=h.DURING_POLL)
    with pytest.raises(services.ElectionError, match="can be closed after that"):
        services.close_poll(actor=h.officer(), election=e, now=h.DURING_POLL)
    assert not Result.objects.filter(election=e).exists()


def _vote_all(e, codes_, ballots):
    for code, preferences in zip(codes_, ballots, strict=False):
        services.cast_vote(election=e, code=code, preferences=preferences, now=h.DURING_POLL)


def test_the_first_past_the_post_count_elects_the_most_votes_and_is_declared():
    e, (ann, ben, cat), codes_ = h.poll(voters=4)
    _vote_all(e, codes_, [[ben.pk], [ben.pk], [ann.pk]])
    ro = h.officer()
    services.close_poll(actor=ro, election=e, now=h.AFTER_POLL)
    result = services.run_count(actor=ro, election=e, now=h.AFTER_POLL, lot_seed=7)
    assert result.elected == ["Ben Baker"]
    assert result.lot_seed == "7"
    totals = {row["candidate"]: row["votes"] for row in result.sheet["totals"]}
    assert totals == {"Ben Baker": 2, "Ann Able": 1, "Cat Cole": 0}
    services.declare(actor=ro, election=e, now=h.AFTER_POLL)
    e.refresh_from_db()
    assert e.status == Status.DECLARED and e.result.declared_at == h.AFTER_POLL


def test_the_stv_count_keeps_the_full_sheet_with_its_stages_and_quota():
    e, (ann, ben, cat), codes_ = h.poll(method=Method.STV, seats=1, voters=5)
    _vote_all(e, codes_, [[ann.pk, ben.pk], [ben.pk, ann.pk], [cat.pk, ben.pk], [ann.pk], [ben.pk]])
    services.close_poll(actor=h.officer(), election=e, now=h.AFTER_POLL)
    result = services.run_count(actor=h.officer(), election=e, now=h.AFTER_POLL)
    sheet = result.sheet
    assert sheet["quota"] == 3 and sheet["valid_votes"] == 5
    assert sheet["stages"][1]["description"] == "Cat Cole excluded"
    assert sheet["stages"][1]["transfers"]["Ben Baker"] == "1.00000"
    assert result.elected == ["Ben Baker"]
    assert int(result.lot_seed) > 0


def test_a_recount_from_the_stored_ballots_matches_and_a_changed_file_does_not():
    from coproduce.membership.elections import ballot_files

    e, (ann, ben, cat), codes_ = h.poll(voters=3)
    _vote_all(e, codes_, [[ben.pk], [ben.pk], [ann.pk]])
    services.close_poll(actor=h.officer(), election=e, now=h.AFTER_POLL)
    result = services.run_count(actor=h.officer(), election=e, now=h.AFTER_POLL)
    e.refresh_from_db()
    stored = results.stored_ballots(e)
    _, same = results.recount(e, result.elected_nominations, stored, int(result.lot_seed))
    assert same
    text = ballot_files.write(e, results.candidates(e), stored)
    assert "Voter" not in text
    header, *rows = text.splitlines()
    assert sorted(rows) == sorted(["X,,,", ",X,,", ",X,,"])
    changed = "\n".join([header, ",,X,", ",,X,", "X,,,"])
    read = ballot_files.read(e, results.candidates(e), changed)
    again, same = results.recount(e, result.elected_nominations, read, int(result.lot_seed))
    assert not same and again.elected_names == ["Cat Cole"]


def test_the_letters_codes_are_made_once_and_work():
    place = h.constituency()
    e = h.election(place)
    h.candidate(e, "Ann Able")
    h.candidate(e, "Ben Baker")
    e = services.close_nominations(actor=h.officer(), election=e, now=h.AFTER_WITHDRAWALS)
    rows = services.letters(actor=h.officer(), election=e)
    assert {r["name"] for r in rows} == {"Ann Able", "Ben Baker"}
    with pytest.raises(services.ElectionError, match="downloaded already"):
        services.letters(actor=h.officer(), election=e)
    ann = results.candidates(e)[0]
    services.cast_vote(election=e, code=rows[0]["code"], preferences=[ann.pk], now=h.DURING_POLL)
    assert AuditEvent.objects.filter(summary__startswith="Voting codes for letters").count() == 1


def test_election_documents_are_disposed_of_after_the_period_and_the_result_kept(client):
    e, (ann, *_), codes_ = h.poll()
    Nomination.objects.filter(pk=ann.pk).update(interests="A governor of the local school")
    _vote_all(e, codes_, [[ann.pk]])
    services.close_poll(actor=h.officer(), election=e, now=h.AFTER_POLL)
    services.run_count(actor=h.officer(), election=e, now=h.AFTER_POLL)
    services.declare(actor=h.officer(), election=e, now=h.AFTER_POLL)
    assert (
        disposal.dispose_of_documents(older_than_days=365, now=h.AFTER_POLL + timedelta(days=364))
        == 0
    )
    assert (
        disposal.dispose_of_documents(older_than_days=365, now=h.AFTER_POLL + timedelta(days=366))
        == 1
    )
    assert not Ballot.objects.filter(election=e).exists()
    assert not Voter.objects.filter(election=e).exists()
    assert not HasVoted.objects.exists()
    assert Result.objects.get(election=e).elected == ["Ann Able"]
    # The nomination papers' statements and interests go with them; who stood stays.
    papers = Nomination.objects.filter(election=e)
    assert papers.count() == 3
    assert set(papers.values_list("statement", "interests")) == {("", "")}
    event = AuditEvent.objects.filter(
        summary__startswith="Ballots, list of voters and nomination"
    ).get()
    assert event.changes["nomination_papers"] == 3
    page = client.get(reverse("elections:election_candidate", args=[e.pk, ann.pk]))
    assert "I am Ann Able" not in page.content.decode()
    assert "local school" not in page.content.decode()
    assert "deleted with them on" in page.content.decode()


def test_setting_up_the_poll_emails_each_voter_with_an_address_a_code_that_works(
    django_capture_on_commit_callbacks, mailoutbox
):
    place = h.constituency()
    e = h.election(place)
    ann = h.candidate(e, "Ann Able")
    h.candidate(e, "Ben Baker")
    h.member(place, "Em Mail", email="em@example.org")
    h.member(place, "Po Stal")
    with django_capture_on_commit_callbacks(execute=True):
        e = services.close_nominations(actor=h.officer(), election=e, now=h.AFTER_WITHDRAWALS)
    assert [m.to for m in mailoutbox] == [["em@example.org"]]
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", mailoutbox[0].body).group(0)
    stored = list(Voter.objects.filter(election=e).values_list("code_hash", flat=True))
    assert code not in str(stored) and codes.code_hash(code) in stored
    assert Voter.objects.filter(election=e, delivery="post", code_hash="").count() == 3
    services.cast_vote(election=e, code=code, preferences=[ann.pk], now=h.DURING_POLL)
    assert Ballot.objects.filter(election=e).count() == 1
