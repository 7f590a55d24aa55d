"""Counting months for training that lasts a number of months."""

import calendar
from datetime import date


def months_after(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative); the month's last day when it is
    shorter (31 January and one month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
