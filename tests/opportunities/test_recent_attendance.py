"""The count of sessions each expert attended in the last 12 months is kept between requests,
and is counted again once attendance is recorded or the day turns."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coproduce.opportunities.queries.recent import recent_attendance
from tests.factories import ExpertFactory, InvitationFactory, SessionFactory, UserFactory
from tests.payments.helpers import attend

pytestmark = pytest.mark.django_db


def accepted_place_last_week(expert):
    starts = timezone.now() - timedelta(days=7)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    return InvitationFactory(session=session, expert=expert, status="accepted")


def test_counts_are_kept_until_attendance_is_recorded():
    today = timezone.localdate()
    expert = ExpertFactory()
    place = accepted_place_last_week(expert)
    assert recent_attendance(today).get(expert.pk) is None
    with CaptureQueriesContext(connection) as asked:
        recent_attendance(today)
    assert len(asked) == 1, "the second reading is the latest change, then the cache"

    attend(place, actor=UserFactory(role="coordinator"))
    assert recent_attendance(today)[expert.pk] == 1


def test_a_new_day_counts_again():
    today = timezone.localdate()
    expert = ExpertFactory()
    place = accepted_place_last_week(expert)
    recent_attendance(today)
    # Written without the service and without touching updated_at: only the day moves on.
    type(place).objects.filter(pk=place.pk).update(attendance="attended")
    assert recent_attendance(today).get(expert.pk) is None
    assert recent_attendance(today + timedelta(days=1))[expert.pk] == 1


def test_attendance_recorded_by_another_process_is_seen_at_once():
    """Another web process records attendance: its cache is not this one's (no Redis), but
    the latest change to an invitation is read from the database every time."""
    today = timezone.localdate()
    expert = ExpertFactory()
    place = accepted_place_last_week(expert)
    assert recent_attendance(today).get(expert.pk) is None
    type(place).objects.filter(pk=place.pk).update(
        attendance="attended", updated_at=timezone.now() + timedelta(seconds=1)
    )
    assert recent_attendance(today)[expert.pk] == 1
