"""The pages, as the returning officer, a member and a voter use them: what is said, and that
nothing is saved (or revealed) when something is wrong."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from coproduce.membership.elections.choices import Method, NominationStatus, Status
from coproduce.membership.elections.models import Ballot, Election, HasVoted, Nomination
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def ro():
    return h.officer()


@pytest.fixture
def ro_client(ro):
    return _signed_in(ro)


def _signed_in(user) -> Client:
    """A client signed in now: a test that travels in time signs in after it travels, or its
    session would have expired."""
    client = Client()
    client.force_login(user)
    return client


def _dates(**days):
    data = {}
    for name, day in {**h.timetable(), **days}.items():
        data[f"{name}-day"], data[f"{name}-month"], data[f"{name}-year"] = (
            day.day,
            day.month,
            day.year,
        )
    return data


def test_the_returning_officer_sets_up_an_election_and_publishes_its_notice(ro_client):
    place = h.constituency("Leeds North")
    data = {
        "title": "Leeds North governors",
        "constituency": place.pk,
        "seats": 2,
        "method": "stv",
        **_dates(),
    }
    response = ro_client.post(reverse("elections:create"), data)
    e = Election.objects.get()
    assert response.status_code == 302 and e.status == Status.DRAFT and e.method == "stv"
    ro_client.post(reverse("elections:publish", args=[e.pk]))
    e.refresh_from_db()
    assert e.status == Status.NOMINATIONS
    page = ro_client.get(reverse("elections:list")).content.decode()
    assert "Leeds North governors" in page


def test_a_timetable_out_of_order_is_explained_and_what_was_typed_kept(ro_client):
    place = h.constituency()
    data = {"title": "Kept title", "constituency": place.pk, "seats": 1, "method": "fptp"}
    data |= _dates(nominations_close=h.DAY.replace(day=1).replace(month=2))
    response = ro_client.post(reverse("elections:create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nominations must close on or after the day they open" in page
    assert 'value="Kept title"' in page
    assert not Election.objects.exists()


def _nominate(e, **changes):
    data = {
        "full_name": "Ann Able",
        "email": "ann@example.org",
        "date_of_birth-day": "6",
        "date_of_birth-month": "5",
        "date_of_birth-year": "1970",
        "statement": "I will listen to patients.",
        "interests": "",
        "eligible": "on",
    } | changes
    return Client().post(reverse("elections:election_nominate", args=[e.pk]), data)


def test_a_member_nominates_themselves_and_the_officer_accepts(ro):
    e = h.election()
    h.member(e.constituency, "Ann Able", email="ann@example.org")
    with time_machine.travel(h.NOMINATIONS, tick=False):
        response = _nominate(e)
        assert response.status_code == 302
        n = Nomination.objects.get()
        assert n.status == NominationStatus.SUBMITTED and n.declares_eligible
        _signed_in(ro).post(
            reverse("elections:nomination", args=[e.pk, n.pk]), {"action": "accept"}
        )
    n.refresh_from_db()
    assert n.status == NominationStatus.ACCEPTED


def test_someone_not_in_the_constituency_is_told_clearly_and_nothing_is_saved():
    e = h.election()
    h.member(h.constituency(), "Ann Able", email="ann@example.org")
    with time_machine.travel(h.NOMINATIONS, tick=False):
        response = _nominate(e)
    assert response.status_code == 400
    assert "We could not find a current member of" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_statement_over_250_words_is_explained():
    e = h.election()
    h.member(e.constituency, "Ann Able", email="ann@example.org")
    with time_machine.travel(h.NOMINATIONS, tick=False):
        response = _nominate(e, statement="word " * 251)
    assert "Your statement has 251 words. Make it 250 words or fewer" in response.content.decode()
    assert not Nomination.objects.exists()


def test_after_nominations_close_the_page_says_so_and_takes_nothing():
    e = h.election()
    h.member(e.constituency, "Ann Able", email="ann@example.org")
    with time_machine.travel(h.AFTER_WITHDRAWALS, tick=False):
        response = _nominate(e)
    assert "Nominations are not open" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_rejection_without_a_reason_is_explained(ro_client):
    e = h.election()
    n = h.candidate(e, "Ann Able", status=NominationStatus.SUBMITTED)
    response = ro_client.post(
        reverse("elections:nomination", args=[e.pk, n.pk]), {"action": "reject", "reason": ""}
    )
    assert response.status_code == 400
    assert "Enter the reason the nomination is rejected" in response.content.decode()


def _vote(client, e, **data):
    return client.post(reverse("elections:election_vote", args=[e.pk]), data)


def test_a_voter_numbers_the_candidates_checks_and_casts_their_vote():
    e, (ann, ben, cat), codes = h.poll(method=Method.STV)
    client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        ballot = _vote(client, e, step="code", code=codes[0]).content.decode()
        # Alphabetical by surname, each statement one click away.
        assert ballot.index("Ann Able") < ballot.index("Ben Baker") < ballot.index("Cat Cole")
        assert "Read Ben Baker’s statement" in ballot
        marks = {f"c{ben.pk}": "1", f"c{ann.pk}": "2", f"c{cat.pk}": ""}
        check = _vote(client, e, step="ballot", code=codes[0], **marks).content.decode()
        assert "Check your vote" in check and "Choice 1" in check
        assert not Ballot.objects.exists()
        done = _vote(client, e, step="cast", code=codes[0], **marks)
    assert done.status_code == 302
    assert list(Ballot.objects.values_list("preferences", flat=True)) == [[ben.pk, ann.pk]]


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        (("1", "2", "2"), "You gave two candidates the number 2"),
        (("1", "2", "4"), "You numbered candidates 1, 2 and 4: there is no 3"),
        (("2", "3", ""), "You numbered candidates 2 and 3: there is no 1"),
        (("", "", ""), "Put the number 1 beside the candidate you like most"),
    ],
)
def test_a_ballot_with_a_repeated_skipped_or_no_number_is_explained_and_kept_for_correcting(
    figures, message
):
    e, standing, codes = h.poll(method=Method.STV)
    marks = {f"c{n.pk}": f for n, f in zip(standing, figures, strict=True)}
    with time_machine.travel(h.DURING_POLL, tick=False):
        response = _vote(Client(), e, step="cast", code=codes[0], **marks)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    for figure in figures:
        if figure:
            assert f'value="{figure}"' in page
    assert not Ballot.objects.exists() and not HasVoted.objects.exists()


def test_a_used_code_is_refused_without_saying_how_anyone_voted():
    e, (ann, *_), codes = h.poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        _vote(Client(), e, step="cast", code=codes[0], chosen=[ann.pk])
        response = _vote(Client(), e, step="code", code=codes[0])
    page = response.content.decode()
    # Said in the error summary, as its link to the code's box, and beside the box, which
    # keeps the code as it was typed.
    assert page.count("This code has already been used to vote") == 2
    assert re.search(r'<a href="#id_code"\s*>\s*This code has already been used to vote', page)
    assert re.search(r"nhsuk-error-message[^>]*>.*?This code has already been used", page, re.S)
    assert f'value="{codes[0]}"' in page
    assert "Ann Able" not in page
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize("method", [Method.STV, Method.FPTP])
def test_each_step_of_voting_takes_the_same_queries_however_many_candidates(method):
    """The vote is the busiest page on polling day: the ballot, its check and the casting
    each read a fixed number of rows, however many candidates stand (no name or statement
    is fetched one candidate at a time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def steps(e, standing, code) -> list[int]:
        if method == Method.STV:
            marks = {f"c{n.pk}": str(rank) for rank, n in enumerate(standing, start=1)}
        else:
            marks = {"chosen": [str(standing[0].pk)]}
        counts = []
        with time_machine.travel(h.DURING_POLL, tick=False):
            for step, status in (("code", 200), ("change", 200), ("ballot", 200), ("cast", 302)):
                with CaptureQueriesContext(connection) as captured:
                    answer = _vote(Client(), e, step=step, code=code, **marks)
                assert answer.status_code == status, (step, answer.content.decode()[:300])
                counts.append(len(captured))
        return counts

    few = steps(*_first(h.poll(method=method, names=("Ann Able", "Ben Baker"))))
    names = tuple(f"Candidate Number{n}" for n in range(9))
    many = steps(*_first(h.poll(method=method, names=names)))
    assert many == few


def _first(made):
    e, standing, codes = made
    return e, standing, codes[0]


def test_too_many_ticks_for_the_seats_is_explained():
    e, (ann, ben, _), codes = h.poll(seats=1)
    with time_machine.travel(h.DURING_POLL, tick=False):
        response = _vote(Client(), e, step="ballot", code=codes[0], chosen=[ann.pk, ben.pk])
    assert "You chose 2 candidates. Choose no more than 1" in response.content.decode()


def test_after_the_close_the_vote_page_says_so():
    e, (ann, *_), codes = h.poll()
    with time_machine.travel(h.AFTER_POLL, tick=False):
        response = _vote(Client(), e, step="cast", code=codes[0], chosen=[ann.pk])
    assert "The poll has closed" in response.content.decode()
    assert not Ballot.objects.exists()


def test_no_page_shows_a_tally_while_the_poll_is_open(ro):
    e, (ann, *_), codes = h.poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        ro_client = _signed_in(ro)
        _vote(Client(), e, step="cast", code=codes[0], chosen=[ann.pk])
        detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
        count = ro_client.get(reverse("elections:count", args=[e.pk])).content.decode()
        ro_client.post(reverse("elections:count", args=[e.pk]), {"action": "count"})
        public = Client().get(reverse("elections:election_result", args=[e.pk]))
    assert "voted" not in re.sub(r"<[^>]+>", "", detail).replace(
        "Nobody can see how many have voted", ""
    )
    assert "can be counted only after the poll has closed" in count
    assert public.status_code == 404
    assert not hasattr(Election.objects.get(pk=e.pk), "result")


def test_the_officer_records_a_paper_ballot_against_its_code(ro):
    e, (ann, ben, cat), codes = h.poll(method=Method.STV)
    with time_machine.travel(h.DURING_POLL, tick=False):
        ro_client = _signed_in(ro)
        # A gap counts as far as the rules allow on paper.
        data = {"code": codes[1], f"c{ann.pk}": "1", f"c{ben.pk}": "3"}
        response = ro_client.post(reverse("elections:paper_ballot", args=[e.pk]), data)
        again = ro_client.post(reverse("elections:paper_ballot", args=[e.pk]), data)
    assert response.status_code == 302
    assert list(Ballot.objects.values_list("preferences", "channel")) == [([ann.pk], "paper")]
    assert "This code has already been used to vote" in again.content.decode()


def test_the_count_is_shown_declared_and_published(ro):
    e, (ann, ben, cat), codes = h.poll(method=Method.STV, voters=4)
    with time_machine.travel(h.DURING_POLL, tick=False):
        for code, marks in zip(
            codes,
            [
                {f"c{ben.pk}": "1"},
                {f"c{ben.pk}": "1", f"c{ann.pk}": "2"},
                {f"c{cat.pk}": "1", f"c{ben.pk}": "2"},
            ],
            strict=False,
        ):
            _vote(Client(), e, step="cast", code=code, **marks)
    with time_machine.travel(h.AFTER_POLL, tick=False):
        ro_client = _signed_in(ro)
        ro_client.post(reverse("elections:close_poll", args=[e.pk]))
        ro_client.post(reverse("elections:count", args=[e.pk]), {"action": "count"})
        sheet = ro_client.get(reverse("elections:count", args=[e.pk])).content.decode()
        assert "Quota" in sheet and "Stage 1: First preferences counted" in sheet
        assert "Non-transferable" in sheet
        ro_client.post(reverse("elections:count", args=[e.pk]), {"action": "declare"})
        public = Client().get(reverse("elections:election_result", args=[e.pk])).content.decode()
    assert "Declaration of result" in public and "Ben Baker" in public


def test_the_scrutineer_downloads_the_anonymous_ballots_and_recounts(ro):
    from coproduce.accounts.roles import Role
    from coproduce.audit.models import AuditEvent
    from tests.factories import UserFactory

    e, (ann, ben, _), codes = h.poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        _vote(Client(), e, step="cast", code=codes[0], chosen=[ben.pk])
    scrutineer = Client()
    scrutineer.force_login(UserFactory(role=Role.SCRUTINEER))
    assert scrutineer.get(reverse("elections:ballots_download", args=[e.pk])).status_code == 302
    with time_machine.travel(h.AFTER_POLL, tick=False):
        ro_client = _signed_in(ro)
        ro_client.post(reverse("elections:close_poll", args=[e.pk]))
        ro_client.post(reverse("elections:count", args=[e.pk]), {"action": "count"})
    csv_text = scrutineer.get(reverse("elections:ballots_download", args=[e.pk])).content.decode()
    assert csv_text.splitlines() == ["Ann Able,Ben Baker,Cat Cole,Rejected because", ",X,,"]
    assert (
        AuditEvent.objects.filter(summary__startswith="Anonymous ballots downloaded").count() == 1
    )
    page = scrutineer.post(reverse("elections:recount", args=[e.pk])).content.decode()
    assert "The recount from the stored ballots elects the same candidates: Ben Baker" in page


def test_the_elections_list_and_an_elections_page_take_the_same_queries_however_many_rows(ro):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(name, *args) -> int:
        client = _signed_in(ro)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name, args=args)).status_code == 200
        return len(captured)

    first = h.election()
    h.candidate(first, "Ann Able")
    few = (queries("elections:list"), queries("elections:detail", first.pk))
    for n in range(6):
        h.candidate(h.election(), f"Cand {n}")
        h.candidate(first, f"More Candidate{n}")
    assert (queries("elections:list"), queries("elections:detail", first.pk)) == few
