"""One way to round money: core.money.pounds, half a penny and more up, in Decimal. The pages'
money format uses it too."""

from decimal import Decimal

import pytest

from coproduce.core import formats
from coproduce.core.money import pounds


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (Decimal("0.125"), Decimal("0.13")),  # half-up, not the banker's 0.12
        (Decimal("0.135"), Decimal("0.14")),
        (Decimal("0.124"), Decimal("0.12")),
        (Decimal("-0.125"), Decimal("-0.13")),  # half away from zero
        ("12.5", Decimal("12.50")),
        (7, Decimal("7.00")),
    ],
)
def test_pounds_rounds_half_up_to_the_penny(given, expected):
    amount = pounds(given)
    assert amount == expected
    assert amount.as_tuple().exponent == -2


def test_pounds_refuses_a_float():
    with pytest.raises(TypeError):
        pounds(0.1)


def test_the_money_format_rounds_with_pounds(monkeypatch):
    assert formats.money(Decimal("0.125")) == "£0.13"
    assert formats.money(Decimal("-1234.565")) == "-£1,234.57"
    # The format has no rounding of its own: it asks core.money.
    monkeypatch.setattr(formats, "pounds", lambda value: Decimal("99.00"))
    assert formats.money(Decimal("1")) == "£99.00"
