"""The arithmetic of paying people, with no database: fees, periods and years.

Money is Decimal, rounded half-up to the penny once per line (coproduce.core.money.pounds).
"""

from dataclasses import dataclass
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


def total(amounts) -> Decimal:
    """Adds amounts already rounded to the penny: a sum of pennies needs no more rounding."""
    return sum(amounts, ZERO)
