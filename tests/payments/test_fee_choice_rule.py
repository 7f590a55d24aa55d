"""One rule says whether a fee choice can be made for a place now, for the expert's own page
and the team's page alike (issue 11, item 3). Each condition that closes it, on its own."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from coproduce.payments.calculations import fee
from coproduce.payments.choices import RateUnit
from coproduce.payments.queries.fee_choice import Closed, why_no_fee_choice
from coproduce.people.choices import PaymentPreference

FORTY_FIVE = fee(unit=RateUnit.HOUR, rate=Decimal("15.00"), hours=Decimal("3"))


def place(*, paid=True, preference="paid", session_status="scheduled", attendance="", status):
    """A place as the rule reads it: no database needed."""
    session = SimpleNamespace(status=session_status, opportunity=SimpleNamespace(paid=paid))
    expert = SimpleNamespace(payment_preference=preference)
    return SimpleNamespace(session=session, expert=expert, attendance=attendance, status=status)


@pytest.mark.parametrize("status", ["invited", "accepted"])
def test_a_choice_can_be_made_for_a_place_offered_or_taken(status):
    assert why_no_fee_choice(place(status=status), FORTY_FIVE) is None


def test_unpaid_work_has_nothing_to_choose():
    assert why_no_fee_choice(place(paid=False, status="accepted"), FORTY_FIVE) == Closed.NOT_PAID


def test_paid_work_with_no_rate_set_has_nothing_to_choose():
    assert why_no_fee_choice(place(status="accepted"), None) == Closed.NOT_PAID


def test_a_fee_of_nothing_has_nothing_to_choose():
    nothing = fee(unit=RateUnit.HOUR, rate=Decimal("15.00"), hours=Decimal("0"))
    assert why_no_fee_choice(place(status="accepted"), nothing) == Closed.NOT_PAID


@pytest.mark.parametrize(
    "preference", [PaymentPreference.VOLUNTEER, PaymentPreference.EXPENSES_ONLY]
)
def test_an_expert_who_takes_no_payment_for_their_time_has_nothing_to_choose(preference):
    closed = why_no_fee_choice(place(preference=preference, status="accepted"), FORTY_FIVE)
    assert closed == Closed.NOT_WANTED


def test_a_cancelled_session_has_nothing_to_choose():
    cancelled = place(session_status="cancelled", status="accepted")
    assert why_no_fee_choice(cancelled, FORTY_FIVE) == Closed.CANCELLED


@pytest.mark.parametrize("attendance", ["attended", "did_not_attend", "cancelled_late"])
def test_once_attendance_is_recorded_the_payment_is_settled(attendance):
    recorded = place(attendance=attendance, status="accepted")
    assert why_no_fee_choice(recorded, FORTY_FIVE) == Closed.RECORDED


def test_on_the_waiting_list_there_is_no_place_to_choose_for_yet():
    assert why_no_fee_choice(place(status="waiting"), FORTY_FIVE) == Closed.WAITING


@pytest.mark.parametrize("status", ["declined", "cancelled"])
def test_an_expert_who_is_not_going_has_nothing_to_choose(status):
    assert why_no_fee_choice(place(status=status), FORTY_FIVE) == Closed.NOT_GOING
