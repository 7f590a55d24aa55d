"""Periods of time that money is counted in: the benefits week and monthly assessment
period, the financial year and the UK tax year. Plain dates, no database."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    """A benefits assessment period, first and last day included."""

    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


def week_of(day: date) -> Period:
    """The Monday-to-Sunday week `day` falls in (the ESA permitted-work week)."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def _start_in_month(year: int, month: int, start_day: int) -> date:
    # A period that starts on the 31st starts on the last day of a shorter month.
    return date(year, month, min(start_day, calendar.monthrange(year, month)[1]))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def assessment_period_of(day: date, start_day: int) -> Period:
    """The monthly assessment period (Universal Credit) `day` falls in, for periods that
    start on `start_day` of each month."""
    if not 1 <= start_day <= 31:
        raise ValueError("An assessment period starts on a day from 1 to 31")
    first = _start_in_month(day.year, day.month, start_day)
    if first > day:
        first = _start_in_month(*_add_months(day.year, day.month, -1), start_day)
    next_first = _start_in_month(*_add_months(first.year, first.month, 1), start_day)
    return Period(first, next_first - timedelta(days=1))


def financial_year_of(day: date) -> int:
    """The year a financial year (1 April to 31 March) starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(year: int) -> Period:
    return Period(date(year, 4, 1), date(year + 1, 3, 31))


def tax_year_of(day: date) -> int:
    """The year a UK tax year (6 April to 5 April) starts in."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year(year: int) -> Period:
    return Period(date(year, 4, 6), date(year + 1, 4, 5))
