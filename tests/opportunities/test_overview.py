"""The overview's figures from opportunities: each count moves when the data does, and leaves
out what it should (past or cancelled sessions, answered invitations, unpublished work)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coproduce.opportunities.queries import overview as queries
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
)

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)
TODAY = date(2026, 3, 18)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def session_at(when: datetime, **options):
    opportunity = options.pop("opportunity", None) or OpportunityFactory(
        places=options.pop("places", 4), status=options.pop("work_status", "published")
    )
    return SessionFactory(
        opportunity=opportunity, starts_at=when, ends_at=when + timedelta(hours=2), **options
    )


def test_requests_to_review_counts_requests_waiting_for_a_decision():
    assert queries.requests_to_review() == 0
    OpportunityFactory(status="requested")
    OpportunityFactory(status="requested")
    OpportunityFactory(status="changes")  # back with the staff member, not the team
    OpportunityFactory(status="published")
    assert queries.requests_to_review() == 2


def test_unanswered_invitations_count_those_for_sessions_still_to_come():
    assert queries.unanswered_invitations(NOW).invitations == 0
    soon = session_at(NOW + timedelta(days=3))
    later = session_at(NOW + timedelta(days=20))
    InvitationFactory(session=soon)
    InvitationFactory(session=later)
    InvitationFactory(session=later)
    InvitationFactory(session=later, status="accepted")  # answered
    InvitationFactory(session=session_at(NOW - timedelta(days=1)))  # the session has passed
    InvitationFactory(session=session_at(NOW + timedelta(days=2), status="cancelled"))

    found = queries.unanswered_invitations(NOW)

    assert found.invitations == 3
    assert found.soon == 1
    assert found.sessions == 2
    assert [(s.pk, s.unanswered) for s in found.first] == [(soon.pk, 1), (later.pk, 2)]


def test_an_answer_takes_an_invitation_off_the_unanswered_count():
    invitation = InvitationFactory(session=session_at(NOW + timedelta(days=3)))
    assert queries.unanswered_invitations(NOW).invitations == 1
    invitation.status = "declined"
    invitation.save()
    assert queries.unanswered_invitations(NOW).invitations == 0


def test_places_to_fill_counts_free_places_at_published_sessions_to_come():
    assert queries.places_to_fill(NOW).places == 0
    half_full = session_at(NOW + timedelta(days=5), places=4)
    InvitationFactory(session=half_full, status="accepted")
    InvitationFactory(session=half_full, status="accepted")
    InvitationFactory(session=half_full, status="invited")  # not a place taken yet
    full = session_at(NOW + timedelta(days=6), places=1)
    InvitationFactory(session=full, status="accepted")
    session_at(NOW + timedelta(days=7), places=3, work_status="approved")  # not published
    session_at(NOW - timedelta(days=1), places=3)  # already held
    session_at(NOW + timedelta(days=8), places=3, status="cancelled")

    found = queries.places_to_fill(NOW)

    assert (found.sessions, found.places) == (1, 2)
    assert [(s.pk, s.free) for s in found.first] == [(half_full.pk, 2)]

    InvitationFactory(session=half_full, status="accepted")
    assert queries.places_to_fill(NOW).places == 1


def test_the_month_counts_sessions_held_distinct_experts_and_hours():
    assert queries.month_of_involvement(TODAY, NOW) == queries.MonthOfInvolvement(0, 0, 0)
    ana, bob = ExpertFactory(), ExpertFactory()
    first = session_at(datetime(2026, 3, 2, 10, tzinfo=LONDON))
    second = session_at(datetime(2026, 3, 16, 10, tzinfo=LONDON))
    InvitationFactory(
        session=first, expert=ana, status="accepted", attendance="attended", hours=Decimal("2")
    )
    InvitationFactory(
        session=second, expert=ana, status="accepted", attendance="attended", hours=Decimal("1.5")
    )
    InvitationFactory(
        session=second, expert=bob, status="accepted", attendance="attended", hours=Decimal("3")
    )
    InvitationFactory(session=second, status="accepted", attendance="did_not_attend")
    # Not this month's: February, a meeting later this month, and a cancelled one.
    february = session_at(datetime(2026, 2, 27, 10, tzinfo=LONDON))
    InvitationFactory(
        session=february, status="accepted", attendance="attended", hours=Decimal("9")
    )
    session_at(datetime(2026, 3, 25, 10, tzinfo=LONDON))
    session_at(datetime(2026, 3, 10, 10, tzinfo=LONDON), status="cancelled")

    month = queries.month_of_involvement(TODAY, NOW)

    assert month.sessions_held == 2
    assert month.experts == 2
    assert month.hours == Decimal("6.5")


def test_meetings_attended_lists_the_most_recent_first_with_the_count_and_hours():
    expert = ExpertFactory()
    older = session_at(datetime(2026, 1, 5, 10, tzinfo=LONDON))
    newer = session_at(datetime(2026, 3, 2, 10, tzinfo=LONDON))
    InvitationFactory(
        session=older, expert=expert, status="accepted", attendance="attended", hours=Decimal("2")
    )
    InvitationFactory(
        session=newer, expert=expert, status="accepted", attendance="attended", hours=None
    )
    InvitationFactory(expert=expert, status="accepted", attendance="did_not_attend")
    InvitationFactory(session=newer, status="accepted", attendance="attended")  # someone else

    count, hours, rows = queries.meetings_attended(expert.pk)

    assert count == 2
    assert hours == Decimal("2")
    assert [r.session_id for r in rows] == [newer.pk, older.pk]
    assert queries.meetings_attended(expert.pk, limit=1)[0] == 2
    assert len(queries.meetings_attended(expert.pk, limit=1)[2]) == 1
