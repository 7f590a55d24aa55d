"""The stored count of sessions each expert attended in the last 12 months: counted for
everyone each night (and after demo data), kept right by the attendance service when
attendance is recorded or corrected, and read by the shortlist with its candidates only when
it was counted for the shortlist's day; otherwise the shortlist counts live, as before."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from coproduce.opportunities.matching.shortlist import shortlist
from coproduce.opportunities.models import RecentAttendance, RecentAttendanceDay
from coproduce.opportunities.queries.recent import recent_attendance, stored_for
from coproduce.opportunities.services.recent_attendance import count_all, recount
from coproduce.opportunities.tasks_attendance import count_recent_attendance
from coproduce.schedule import SCHEDULE
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    LivedExperienceAreaFactory,
    OpportunityFactory,
    SessionFactory,
)
from tests.payments.helpers import attend

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 3)
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def place(expert, days_ago: int, attendance: str = "not_recorded"):
    starts = NOW - timedelta(days=days_ago)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    return InvitationFactory(
        session=session, expert=expert, status="accepted", attendance=attendance
    )


def stored() -> dict[int, int]:
    return dict(RecentAttendance.objects.values_list("expert_id", "attended"))


@pytest.fixture
def people():
    """Ann attended 2 sessions within the year (and one 400 days ago, and missed one); Bob
    attended 1, 364 days ago, which leaves the window in two days; Cy attended none."""
    w = type("People", (), {})()
    w.ann, w.bob, w.cy = (ExpertFactory(full_name=n) for n in ("Ann", "Bob", "Cy"))
    place(w.ann, 10, "attended")
    place(w.ann, 100, "attended")
    place(w.ann, 400, "attended")
    place(w.ann, 20, "did_not_attend")
    w.bobs = place(w.bob, 364, "attended")
    w.cys = place(w.cy, 7)
    return w


def test_the_count_for_everyone_is_the_live_count(people):
    assert not stored_for(TODAY)
    assert count_all(TODAY) == 2
    assert stored() == {people.ann.pk: 2, people.bob.pk: 1}
    assert stored() == recent_attendance(TODAY)
    assert stored_for(TODAY) and not stored_for(TODAY + timedelta(days=1))
    assert RecentAttendanceDay.objects.get().day == TODAY


def test_recording_and_correcting_attendance_keeps_the_count_right(people):
    count_all(TODAY)
    attend(people.cys)
    assert stored()[people.cy.pk] == 1
    attend(people.cys, attendance="did_not_attend")  # corrected: they did not come
    assert people.cy.pk not in stored()
    attend(people.bobs, attendance="did_not_attend")
    assert stored() == {people.ann.pk: 2}
    assert stored() == recent_attendance(TODAY)


def test_attendance_at_a_session_today_counts_from_tomorrow(people):
    count_all(TODAY)
    today = place(people.cy, 0)  # started at 9am today, as the live count leaves it out
    today.session.starts_at = NOW - timedelta(minutes=30)
    today.session.save()
    attend(today)
    assert people.cy.pk not in stored()
    assert count_all(TODAY + timedelta(days=1)) == 3
    assert stored()[people.cy.pk] == 1


def test_nothing_is_stored_before_the_first_count(people):
    attend(people.cys)
    recount([people.ann.pk, people.cy.pk])
    assert stored() == {}
    assert not RecentAttendanceDay.objects.exists()


def test_the_window_moves_with_the_nightly_count(people):
    count_all(TODAY)
    later = TODAY + timedelta(days=2)
    assert not stored_for(later)  # until the night's count, the day's figure is counted live
    assert recent_attendance(later) == {people.ann.pk: 2}
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        assert count_recent_attendance.call() == 1
    assert stored_for(later)
    assert stored() == {people.ann.pk: 2}


def test_the_nightly_count_is_scheduled():
    assert (
        SCHEDULE["coproduce.opportunities.tasks_attendance.count_recent_attendance"] == "5 0 * * *"
    )


@pytest.fixture
def work():
    dementia = LivedExperienceAreaFactory(name="Dementia")
    opportunity = OpportunityFactory(wanted_experience=[dementia], wanted_skills=[])
    SessionFactory(
        opportunity=opportunity,
        starts_at=NOW + timedelta(days=14),
        ends_at=NOW + timedelta(days=14, hours=2),
    )
    return opportunity, dementia


def ranked(opportunity) -> list[tuple[str, int, int, list[str]]]:
    return [
        (c.expert.full_name, c.score, c.recent, [r.text for r in c.reasons])
        for c in shortlist(opportunity, today=TODAY).candidates
    ]


def test_the_shortlist_is_the_same_read_as_stored_or_counted_live(work):
    opportunity, dementia = work
    for name, attended in [("Di", 0), ("Ed", 1), ("Flo", 3), ("Gus", 7), ("Hal", 2)]:
        expert = ExpertFactory(full_name=name, lived_experience=[dementia])
        for n in range(attended):
            place(expert, 10 + 30 * n, "attended")
    live = ranked(opportunity)
    count_all(TODAY)
    assert ranked(opportunity) == live
    assert [(name, recent) for name, _, recent, _ in live] == [
        ("Di", 0),
        ("Ed", 1),
        ("Hal", 2),
        ("Flo", 3),
        ("Gus", 7),
    ]


def test_the_shortlist_reads_the_stored_count_when_it_is_for_today(work):
    opportunity, dementia = work
    expert = ExpertFactory(full_name="Di", lived_experience=[dementia])
    count_all(TODAY)
    RecentAttendance.objects.create(expert=expert, attended=7)  # as if stored so
    (c,) = shortlist(opportunity, today=TODAY).candidates
    assert c.recent == 7
    assert "7 sessions attended in the last 12 months" in [r.text for r in c.reasons]
    RecentAttendanceDay.objects.update(day=TODAY - timedelta(days=1))  # last night's missed
    (c,) = shortlist(opportunity, today=TODAY).candidates
    assert c.recent == 0


def test_demo_data_counts_it_last(settings):
    settings.DEBUG = True
    call_command("demo_data", experts=30, verbosity=0)
    today = timezone.localdate()
    assert stored_for(today)
    assert stored() == recent_attendance(today)
    assert len(stored()) > 0
