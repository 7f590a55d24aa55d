"""Each session's tally of attended places and hours (Session.places_attended and
hours_attended), and the copy of its start on each place attended (Invitation.held_at): kept
by the attendance service as attendance is recorded and corrected, made again whenever a
session is saved, counted for every session by demo data, and always equal to counting the
places live."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.services import session_tallies
from coproduce.opportunities.services.attendance import (
    AttendanceEntry,
    AttendanceError,
    record_attendance,
)
from tests.factories import ExpertFactory, InvitationFactory, UserFactory
from tests.payments.helpers import past_session

pytestmark = pytest.mark.django_db


def live(session: Session) -> tuple[int, Decimal]:
    attended = session.invitations.filter(attendance="attended")
    got = attended.aggregate(n=Count("pk"), hours=Sum("hours"))
    return got["n"], got["hours"] or Decimal("0.00")


def tally(session: Session) -> tuple[int, Decimal]:
    session.refresh_from_db()
    return session.places_attended, session.hours_attended


def held_at(place) -> object:
    place.refresh_from_db()
    return place.held_at


def wrong_copies() -> list[int]:
    """Places whose copy of the session's start is not what it should be: the start for a
    place attended at a session that went ahead, nothing otherwise."""
    return [
        place.pk
        for place in Invitation.objects.select_related("session")
        if place.held_at
        != (
            place.session.starts_at
            if place.attendance == "attended" and place.session.status == "scheduled"
            else None
        )
    ]


def mismatched_sessions() -> list[int]:
    """Sessions whose stored tally differs from the live count (one query)."""
    counted = Session.objects.annotate(
        n=Count("invitations", filter=Q(invitations__attendance="attended")),
        given=Sum("invitations__hours", filter=Q(invitations__attendance="attended")),
    )
    return [
        s.pk
        for s in counted
        if (s.places_attended, s.hours_attended) != (s.n, s.given or Decimal("0.00"))
    ]


@pytest.fixture
def three_places():
    session = past_session(paid=False)
    places = [
        InvitationFactory(session=session, expert=ExpertFactory(), status="accepted")
        for _ in range(3)
    ]
    return session, places


def record(session, *entries):
    actor = UserFactory(role="coordinator")
    return record_attendance(
        actor=actor,
        session=session,
        entries=[AttendanceEntry(p.pk, attendance, hours) for p, attendance, hours in entries],
    )


def test_recording_attendance_counts_the_places_and_hours_given(three_places):
    session, (ann, bob, cy) = three_places
    assert tally(session) == (0, Decimal("0.00"))
    record(
        session,
        (ann, "attended", Decimal("2")),
        (bob, "attended", Decimal("3.5")),
        (cy, "did_not_attend", None),
    )
    assert tally(session) == (2, Decimal("5.50"))
    assert tally(session) == live(session)


def test_a_correction_counts_again(three_places):
    session, (ann, bob, cy) = three_places
    record(session, (ann, "attended", Decimal("2")), (bob, "attended", Decimal("3.5")))
    record(session, (ann, "did_not_attend", None), (bob, "attended", Decimal("1.25")))
    assert tally(session) == (1, Decimal("1.25"))
    record(session, (cy, "attended", Decimal("4")))
    assert tally(session) == (2, Decimal("5.25"))
    assert tally(session) == live(session)


def test_attendance_refused_leaves_the_tally_as_it_was(three_places):
    session, (ann, bob, _) = three_places
    record(session, (ann, "attended", Decimal("2")))
    with pytest.raises(AttendanceError):
        record(session, (bob, "attended", Decimal("30")))
    assert tally(session) == (1, Decimal("2.00"))


def test_only_the_recorded_session_is_counted(three_places):
    session, (ann, *_) = three_places
    other = past_session(paid=False)
    InvitationFactory(session=other, expert=ExpertFactory(), status="accepted")
    Session.objects.filter(pk=other.pk).update(places_attended=7)  # wrong on purpose
    record(session, (ann, "attended", Decimal("2")))
    assert tally(other) == (7, Decimal("0.00"))
    assert tally(session) == (1, Decimal("2.00"))


def test_counting_every_session_puts_any_wrong_tally_right(three_places):
    session, (ann, *_) = three_places
    record(session, (ann, "attended", Decimal("2")))
    Session.objects.update(places_attended=9, hours_attended=Decimal("99"))
    assert mismatched_sessions()
    assert session_tallies.recount_all() == Session.objects.count()
    assert mismatched_sessions() == []


def test_recording_attendance_copies_the_start_onto_each_place_attended(three_places):
    session, (ann, bob, cy) = three_places
    record(session, (ann, "attended", Decimal("2")), (bob, "did_not_attend", None))
    assert held_at(ann) == session.starts_at
    assert held_at(bob) is None and held_at(cy) is None
    # A correction: Ann did not come after all, Bob did.
    record(session, (ann, "did_not_attend", None), (bob, "attended", Decimal("1")))
    assert held_at(ann) is None and held_at(bob) == session.starts_at
    assert wrong_copies() == []


def test_a_session_saved_again_moves_or_clears_the_copies(three_places):
    # The services move and cancel only sessions not yet started; Django's admin saves any.
    session, (ann, bob, _) = three_places
    record(session, (ann, "attended", Decimal("2")), (bob, "attended", Decimal("1")))
    session.starts_at -= timedelta(days=1)
    session.ends_at -= timedelta(days=1)
    session.save()
    assert held_at(ann) == session.starts_at and held_at(bob) == session.starts_at
    session.status = "cancelled"
    session.save()
    assert held_at(ann) is None and held_at(bob) is None
    # The tally is counted again as well; the figures leave a cancelled session out.
    assert tally(session) == (2, Decimal("3.00"))


def test_counting_every_session_puts_any_wrong_copy_right(three_places):
    session, (ann, bob, _) = three_places
    record(session, (ann, "attended", Decimal("2")))
    Invitation.objects.filter(pk=ann.pk).update(held_at=None)
    Invitation.objects.filter(pk=bob.pk).update(held_at=session.starts_at)
    assert sorted(wrong_copies()) == sorted([ann.pk, bob.pk])
    session_tallies.recount_all()
    assert wrong_copies() == []


def test_demo_data_tallies_equal_the_live_counts(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=StringIO(), experts=60)
    assert Session.objects.filter(places_attended__gt=0).exists()
    assert mismatched_sessions() == []
    assert Invitation.objects.filter(held_at__isnull=False).exists()
    assert wrong_copies() == []
