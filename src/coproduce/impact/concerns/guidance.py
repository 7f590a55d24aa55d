"""What an expert is told about what happens after they raise a concern, in plain words, and
the working day by which they hear back (Monday to Friday; bank holidays are not known here,
so the date may be a day or two early, never late)."""

from datetime import date, timedelta

from coproduce.core.formats import long_date


def add_working_days(day: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `day`."""
    found = day
    left = days
    while left > 0:
        found += timedelta(days=1)
        if found.weekday() < 5:
            left -= 1
    return found


def reply_by(raised_on: date, days: int) -> str:
    """ "Tuesday 17 March 2026": when the expert should hear back at the latest."""
    return long_date(add_working_days(raised_on, days))
