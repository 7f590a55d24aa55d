"""Where a day begins and ends in the organisation's time zone (Europe/London), as aware times.

A day is counted where the organisation is, not in UTC: a meeting at 00:30 BST on 1 April
belongs to April, though it is 31 March in UTC. A day, or a run of days, is the half-open range
from `local_midnight(first)` up to, but not including, `day_after(last)`. Comparing a datetime
column against two midnights lets the index on it find the rows, where a `__date` lookup works
each row's day out."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def local_midnight(day: date) -> datetime:
    """The first moment of `day` in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_after(day: date) -> datetime:
    """The first moment after `day` ends: the end of a half-open range."""
    return local_midnight(day + timedelta(days=1))
