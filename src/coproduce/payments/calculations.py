"""The arithmetic of paying people, with no database: fees, periods and years.

Money is Decimal, rounded half-up to the penny once per line (coproduce.core.money.pounds).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from coproduce.core.formats import count_of, money
from coproduce.core.money import ZERO, pounds
from coproduce.payments.choices import RateUnit

UNIT_NAMES = {RateUnit.HOUR: "hour", RateUnit.HALF_DAY: "half day", RateUnit.DAY: "day"}


def rate_words(unit: str, rate: Decimal) -> str:
    """A rate as people say it: "£16.50 an hour", "£49.50 a half day", "£90.00 a day"."""
    name = UNIT_NAMES[RateUnit(unit)]
    return f"{money(rate)} {'an' if name == 'hour' else 'a'} {name}"


@dataclass(frozen=True)
class Fee:
    """One fee line: how many units at what rate, and the amount. `agreed` says the rate is
    the one agreed for the piece of work rather than the payment policy's."""

    quantity: Decimal
    unit: str
    unit_rate: Decimal
    amount: Decimal
    agreed: bool = False

    @property
    def words(self) -> str:
        """ "2.5 hours at £16.50", "1 half day at £49.50"."""
        name = UNIT_NAMES[RateUnit(self.unit)]
        return f"{count_of(self.quantity, name)} at {money(self.unit_rate)}"

    @property
    def rate_words(self) -> str:
        return rate_words(self.unit, self.unit_rate)

    @property
    def source_words(self) -> str:
        return "the rate agreed for this work" if self.agreed else "the payment policy's rate"


def _whole_units(hours: Decimal, per_unit: Decimal) -> Decimal:
    """Started half days or days: 3 hours is one half day, 5 hours is two. At least one."""
    if hours <= 0:
        return Decimal(1)
    return max(Decimal(1), (hours / per_unit).to_integral_value(rounding=ROUND_CEILING))


def fee(
    *,
    unit: str,
    rate: Decimal,
    hours: Decimal,
    half_day_hours: Decimal = Decimal("4"),
    day_hours: Decimal = Decimal("7.5"),
    agreed: bool = False,
) -> Fee:
    """The fee for `hours` of involvement at `rate` per unit, rounded once."""
    if hours < 0 or rate < 0:
        raise ValueError("Hours and rates cannot be negative")
    if unit == RateUnit.HOUR:
        quantity = Decimal(hours)
    elif unit == RateUnit.HALF_DAY:
        quantity = _whole_units(Decimal(hours), half_day_hours)
    elif unit == RateUnit.DAY:
        quantity = _whole_units(Decimal(hours), day_hours)
    else:
        raise ValueError(f"Unknown rate unit {unit!r}")
    return Fee(
        quantity=quantity, unit=unit, unit_rate=rate, amount=pounds(quantity * rate), agreed=agreed
    )


def mileage(*, miles: Decimal, rate: Decimal) -> Decimal:
    if miles < 0 or rate < 0:
        raise ValueError("Miles and rates cannot be negative")
    return pounds(miles * rate)


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


def total(amounts) -> Decimal:
    """Adds amounts already rounded to the penny: a sum of pennies needs no more rounding."""
    return sum(amounts, ZERO)
