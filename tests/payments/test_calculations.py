"""The arithmetic of paying people, tested on many generated cases (hypothesis): fees,
rounding, weekly and monthly periods, and financial and tax years."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.core.money import pounds
from coproduce.core.periods import (
    assessment_period_of,
    financial_year_of,
    tax_year,
    tax_year_of,
    week_of,
)
from coproduce.payments.calculations import fee, mileage, total
from coproduce.payments.choices import RateUnit

rates = st.decimals(min_value=0, max_value=500, places=2)
hours = st.decimals(min_value=0, max_value=24, places=2)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(rate=rates, worked=hours)
def test_an_hourly_fee_is_hours_times_rate_rounded_half_up_once(rate, worked):
    line = fee(unit=RateUnit.HOUR, rate=rate, hours=worked)
    exact = rate * worked
    assert line.amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert abs(line.amount - exact) <= Decimal("0.005")
    assert line.amount.as_tuple().exponent == -2


@given(rate=rates, worked=hours)
def test_half_days_and_days_are_whole_and_at_least_one(rate, worked):
    half = fee(unit=RateUnit.HALF_DAY, rate=rate, hours=worked)
    day = fee(unit=RateUnit.DAY, rate=rate, hours=worked)
    for line, length in ((half, Decimal("4")), (day, Decimal("7.5"))):
        assert line.quantity == line.quantity.to_integral_value() >= 1
        # Enough units to cover the hours, and not one more.
        assert line.quantity * length >= worked
        assert (line.quantity - 1) * length < worked or line.quantity == 1
        assert line.amount == pounds(line.quantity * rate)


def test_half_day_examples():
    assert fee(unit=RateUnit.HALF_DAY, rate=Decimal("40"), hours=Decimal("3")).amount == 40
    assert fee(unit=RateUnit.HALF_DAY, rate=Decimal("40"), hours=Decimal("4")).amount == 40
    assert fee(unit=RateUnit.HALF_DAY, rate=Decimal("40"), hours=Decimal("4.25")).amount == 80


@given(amounts=st.lists(st.decimals(min_value=0, max_value=10_000, places=2), max_size=50))
def test_adding_lines_rounded_to_the_penny_needs_no_more_rounding(amounts):
    assert total(amounts) == pounds(sum(amounts, Decimal(0)))


def test_half_a_penny_rounds_up_and_floats_are_refused():
    assert pounds(Decimal("0.005")) == Decimal("0.01")
    assert pounds(Decimal("2.675")) == Decimal("2.68")
    assert mileage(miles=Decimal("13"), rate=Decimal("0.45")) == Decimal("5.85")
    with pytest.raises(TypeError):
        pounds(2.675)


def test_negative_hours_or_rates_are_refused():
    with pytest.raises(ValueError):
        fee(unit=RateUnit.HOUR, rate=Decimal("-1"), hours=Decimal("1"))
    with pytest.raises(ValueError):
        mileage(miles=Decimal("-1"), rate=Decimal("0.45"))


@given(day=days)
def test_a_week_runs_monday_to_sunday_and_holds_the_day(day):
    week = week_of(day)
    assert week.first.weekday() == 0 and week.last.weekday() == 6
    assert day in week and (week.last - week.first).days == 6
    # Every day of that week is in the same week: totals by week never split it.
    assert all(week_of(week.first + timedelta(n)) == week for n in range(7))


@given(day=days, start=st.integers(min_value=1, max_value=31))
def test_assessment_periods_hold_the_day_and_follow_one_another(day, start):
    period = assessment_period_of(day, start)
    assert day in period
    assert 28 <= (period.last - period.first).days + 1 <= 31
    following = assessment_period_of(period.last + timedelta(days=1), start)
    assert following.first == period.last + timedelta(days=1)


def test_a_period_starting_on_the_31st_starts_on_the_last_day_of_short_months():
    period = assessment_period_of(date(2027, 3, 10), 31)
    assert (period.first, period.last) == (date(2027, 2, 28), date(2027, 3, 30))


@given(day=days)
def test_financial_and_tax_years_hold_the_day(day):
    fy = financial_year_of(day)
    assert date(fy, 4, 1) <= day <= date(fy + 1, 3, 31)
    assert day in tax_year(tax_year_of(day))


def test_the_tax_year_turns_on_6_april():
    assert tax_year_of(date(2027, 4, 5)) == 2026
    assert tax_year_of(date(2027, 4, 6)) == 2027
