"""Setting the payment policy, dated, so a change of rates applies from a day."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.payments.models import ExpenseRule, Policy, Rate


class PolicyError(Exception):
    """The policy cannot be saved as asked; the message says why, in words for the page."""


@dataclass(frozen=True)
class RateInput:
    kind: str
    unit: str
    amount: Decimal


@dataclass(frozen=True)
class ExpenseRuleInput:
    category: str
    limit: Decimal | None = None
    receipt_over: Decimal | None = None
    needs_agreement: bool = False


def set_policy(
    *,
    actor,
    effective_from: date,
    mileage_rate: Decimal,
    claim_deadline_days: int,
    summary: str,
    rates: list[RateInput],
    expense_rules: list[ExpenseRuleInput],
    half_day_hours: Decimal = Decimal("4"),
    day_hours: Decimal = Decimal("7.5"),
    allows_agreed_rates: bool = False,
) -> Policy:
    """Saves a payment policy in force from `effective_from` until the next one. A policy
    already in force cannot be rewritten (claims were made under it): start a new one from a
    later day instead. A policy that has not started yet may be replaced."""
    today = timezone.localdate()
    with transaction.atomic():
        existing = Policy.objects.select_for_update().filter(effective_from=effective_from).first()
        if existing is not None and existing.effective_from <= today:
            raise PolicyError(
                "A policy already starts on that day and is in force. Choose a later day for "
                "the new rates: claims keep the rates of their meeting's date."
            )
        action = (
            AuditEvent.Action.PAYMENT_POLICY_REPLACED
            if existing
            else AuditEvent.Action.PAYMENT_POLICY_SET
        )
        if existing is not None:
            existing.delete()
        policy = Policy.objects.create(
            effective_from=effective_from,
            mileage_rate=mileage_rate,
            claim_deadline_days=claim_deadline_days,
            summary=summary.strip(),
            half_day_hours=half_day_hours,
            day_hours=day_hours,
            allows_agreed_rates=allows_agreed_rates,
            created_by=actor,
        )
        Rate.objects.bulk_create(
            Rate(policy=policy, kind=r.kind, unit=r.unit, amount=r.amount) for r in rates
        )
        ExpenseRule.objects.bulk_create(
            ExpenseRule(
                policy=policy,
                category=e.category,
                limit=e.limit,
                receipt_over=e.receipt_over,
                needs_agreement=e.needs_agreement,
            )
            for e in expense_rules
        )
        record_change(
            actor=actor,
            instance=policy,
            action=action,
            changes={
                "effective_from": [None, str(effective_from)],
                "mileage_rate": [None, str(mileage_rate)],
                "rates": [None, {r.kind: f"{r.amount} {r.unit}" for r in rates}],
            },
            summary=str(policy),
        )
    return policy
