"""Planning a series of sessions: weekly, every two weeks, monthly on a date or on "the first
Tuesday", with a number of sessions or a last date, keeping local time across clock changes."""

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from coproduce.opportunities.services.sessions import (
    MAX_SESSIONS,
    Repeat,
    describe_weekday_in_month,
    plan_sessions,
)

LONDON = ZoneInfo("Europe/London")


def _local(planned):
    return [p.starts_at.astimezone(LONDON) for p in planned]


def test_one_off_session_is_one_date():
    planned = plan_sessions(day=date(2026, 3, 17), starts=time(10), ends=time(12))
    assert len(planned) == 1
    assert planned[0].starts_at.astimezone(LONDON).hour == 10
    assert planned[0].ends_at.astimezone(LONDON).hour == 12


def test_weekly_series_with_a_count():
    planned = plan_sessions(
        day=date(2026, 3, 17), starts=time(10), ends=time(12), repeat=Repeat.WEEKLY, count=4
    )
    assert [d.date() for d in _local(planned)] == [
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
    ]


def test_every_two_weeks_until_a_last_date_includes_that_date():
    planned = plan_sessions(
        day=date(2026, 3, 2),
        starts=time(14),
        ends=time(16),
        repeat=Repeat.FORTNIGHTLY,
        until=date(2026, 4, 13),
    )
    assert [d.date() for d in _local(planned)] == [
        date(2026, 3, 2),
        date(2026, 3, 16),
        date(2026, 3, 30),
        date(2026, 4, 13),
    ]


def test_monthly_on_the_same_date():
    planned = plan_sessions(
        day=date(2026, 1, 15), starts=time(10), ends=time(11), repeat=Repeat.MONTHLY_DATE, count=3
    )
    assert [d.date() for d in _local(planned)] == [
        date(2026, 1, 15),
        date(2026, 2, 15),
        date(2026, 3, 15),
    ]


def test_monthly_on_the_first_tuesday():
    # 3 March 2026 is the first Tuesday of March.
    first = date(2026, 3, 3)
    assert describe_weekday_in_month(first) == "the first Tuesday"
    planned = plan_sessions(
        day=first, starts=time(10), ends=time(12), repeat=Repeat.MONTHLY_WEEKDAY, count=4
    )
    assert [d.date() for d in _local(planned)] == [
        date(2026, 3, 3),
        date(2026, 4, 7),
        date(2026, 5, 5),
        date(2026, 6, 2),
    ]
    assert all(d.weekday() == 1 and d.day <= 7 for d in _local(planned))


def test_a_date_late_in_the_month_repeats_on_the_last_such_weekday():
    # 31 March 2026 is a Tuesday: "the last Tuesday" exists every month.
    planned = plan_sessions(
        day=date(2026, 3, 31),
        starts=time(10),
        ends=time(12),
        repeat=Repeat.MONTHLY_WEEKDAY,
        count=3,
    )
    assert [d.date() for d in _local(planned)] == [
        date(2026, 3, 31),
        date(2026, 4, 28),
        date(2026, 5, 26),
    ]


def test_local_time_stays_10am_across_the_october_clock_change():
    # British Summer Time ends on Sunday 25 October 2026.
    planned = plan_sessions(
        day=date(2026, 10, 13), starts=time(10), ends=time(12), repeat=Repeat.WEEKLY, count=4
    )
    local = _local(planned)
    assert [d.hour for d in local] == [10, 10, 10, 10]
    utc_hours = [p.starts_at.astimezone(ZoneInfo("UTC")).hour for p in planned]
    assert utc_hours == [9, 9, 10, 10]


def test_a_series_is_capped():
    planned = plan_sessions(
        day=date(2026, 1, 5), starts=time(10), ends=time(11), repeat=Repeat.WEEKLY, count=500
    )
    assert len(planned) == MAX_SESSIONS


def test_unknown_repeat_is_refused():
    with pytest.raises(ValueError):
        plan_sessions(day=date(2026, 1, 5), starts=time(10), ends=time(11), repeat="daily")
