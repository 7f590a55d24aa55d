"""The overview's figures from payments: claims waiting at each step, and the involvement
payments approved or paid for this month's sessions."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coproduce.payments.models import Claim, PaymentRun
from coproduce.payments.queries.overview import claim_figures
from tests.factories import InvitationFactory, TeamFactory
from tests.payments.claim_helpers import approved_claim, checked_claim, expense_claim

NOW = datetime(2026, 3, 18, 12, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = date(2026, 3, 18)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _policy(db):
    from tests.payments.helpers import make_policy

    make_policy()


def test_claims_are_counted_at_the_step_they_wait_for():
    assert claim_figures(TODAY).to_check == 0
    expense_claim()
    expense_claim()
    checked_claim()
    approved_claim()

    figures = claim_figures(TODAY)

    assert (figures.to_check, figures.to_approve, figures.to_pay) == (2, 1, 1)


def _involvement(status: str, total: str, day: date, *, kind: str = "involvement", run=None):
    return Claim.objects.create(
        expert=(invitation := InvitationFactory(status="accepted")).expert,
        invitation=invitation,
        kind=kind,
        status=status,
        session_date=day,
        team=TeamFactory(),
        total=Decimal(total),
        submitted_at=NOW,
        payment_run=run,
    )


def test_the_month_adds_involvement_payments_approved_or_paid_for_this_months_sessions():
    assert claim_figures(TODAY).involvement_this_month == Decimal("0.00")
    run = PaymentRun.objects.create(reference="PR-1", paid_on=TODAY)
    _involvement("approved", "1000.00", date(2026, 3, 2))
    _involvement("paid", "234.50", date(2026, 3, 16), run=run)
    # Not counted: waiting, rejected, expenses, another month.
    _involvement("checked", "99.00", date(2026, 3, 2))
    _involvement("rejected", "99.00", date(2026, 3, 2))
    _involvement("approved", "99.00", date(2026, 3, 2), kind="expenses")
    _involvement("approved", "99.00", date(2026, 2, 28))
    _involvement("approved", "99.00", date(2026, 4, 1))

    assert claim_figures(TODAY).involvement_this_month == Decimal("1234.50")
