"""Shared set-up for payments tests: a payment policy, and places attended at paid sessions."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.opportunities.services.attendance import AttendanceEntry, record_attendance
from coproduce.payments.choices import ExpenseCategory, RateUnit
from coproduce.payments.services.policy import ExpenseRuleInput, RateInput, set_policy
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
)

POLICY_START = date(2020, 4, 1)

STANDARD_RULES = [
    ExpenseRuleInput(
        ExpenseCategory.PUBLIC_TRANSPORT, limit=Decimal("60"), receipt_over=Decimal("10")
    ),
    ExpenseRuleInput(ExpenseCategory.MILEAGE, limit=Decimal("200")),
    ExpenseRuleInput(ExpenseCategory.PARKING, limit=Decimal("20"), receipt_over=Decimal("0")),
    ExpenseRuleInput(
        ExpenseCategory.TAXI, limit=Decimal("50"), receipt_over=Decimal("0"), needs_agreement=True
    ),
    ExpenseRuleInput(ExpenseCategory.CARE, limit=Decimal("100"), receipt_over=Decimal("0")),
    ExpenseRuleInput(ExpenseCategory.SUBSISTENCE, limit=Decimal("10"), receipt_over=Decimal("5")),
]


def make_policy(
    *,
    effective_from: date = POLICY_START,
    hourly: Decimal = Decimal("15.00"),
    kind: str = "workshop",
    unit: str = RateUnit.HOUR,
    mileage_rate: Decimal = Decimal("0.45"),
    deadline_days: int = 90,
    actor=None,
):
    """A policy paying `hourly` per `unit` for `kind`, 45p a mile, and the usual expenses."""
    actor = actor or UserFactory(role=Role.INVOLVEMENT_LEAD)
    return set_policy(
        actor=actor,
        effective_from=effective_from,
        mileage_rate=mileage_rate,
        claim_deadline_days=deadline_days,
        summary="We pay £15 an hour and your travel. Keep your receipts.",
        rates=[RateInput(kind=kind, unit=unit, amount=hourly)],
        expense_rules=STANDARD_RULES,
    )


def past_session(
    *, days_ago: int = 3, hours: int = 2, paid: bool = True, kind: str = "workshop", **opportunity
):
    starts = (timezone.now() - timedelta(days=days_ago, hours=hours + 1)).replace(
        second=0, microsecond=0
    )
    opp = OpportunityFactory(
        paid=paid, hourly_rate=Decimal("12.00") if paid else None, kind=kind, **opportunity
    )
    return SessionFactory(
        opportunity=opp, starts_at=starts, ends_at=starts + timedelta(hours=hours)
    )


def accepted_place(*, session=None, expert=None, **session_options):
    session = session or past_session(**session_options)
    return InvitationFactory(session=session, expert=expert or ExpertFactory(), status="accepted")


def attend(invitation, *, hours: str = "2", actor=None, attendance: str = "attended"):
    """Records attendance through the service, as the attendance page does."""
    actor = actor or UserFactory(role=Role.COORDINATOR)
    record_attendance(
        actor=actor,
        session=invitation.session,
        entries=[
            AttendanceEntry(
                invitation_id=invitation.pk,
                attendance=attendance,
                hours=Decimal(hours) if attendance == "attended" else None,
            )
        ],
    )
    invitation.refresh_from_db()
    return invitation
