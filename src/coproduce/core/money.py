"""Money is a Decimal in pounds with two places, rounded half-up once, where a line is made."""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def pounds(value: Decimal | int | str) -> Decimal:
    """The amount to the penny, half a penny and more rounded up (never a float)."""
    if isinstance(value, float):
        raise TypeError("Money is never a float: pass a Decimal, an int or a string")
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
