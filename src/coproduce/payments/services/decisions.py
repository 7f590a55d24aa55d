"""The expert's choice about the fee for a session, or staff going ahead past a warning."""

from decimal import Decimal

from django.db import transaction

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.core.money import pounds
from coproduce.payments.choices import FeeChoice
from coproduce.payments.models import FeeDecision


class DecisionError(Exception):
    """The choice cannot be recorded as asked; the message says why."""


def record_fee_choice(
    *,
    actor,
    invitation,
    choice: str,
    reduced_amount: Decimal | None = None,
    by_expert: bool = True,
    reason: str = "",
) -> FeeDecision:
    """Records what the expert wants to be paid for this session: the full fee, a reduced fee,
    expenses only, or no fee. Staff recording it for the expert, or going ahead with the full
    fee past a benefits warning (an override), must give the reason. The decision is applied
    when attendance makes the payment; a payment already made is not changed."""
    if choice not in FeeChoice.values:
        raise DecisionError("Choose what the expert wants to be paid")
    if choice == FeeChoice.REDUCED:
        if reduced_amount is None or reduced_amount <= 0:
            raise DecisionError("Enter the reduced amount, more than £0")
        reduced_amount = pounds(reduced_amount)
    else:
        reduced_amount = None
    if not by_expert and not reason.strip():
        raise DecisionError("Enter the reason, for the record")
    with transaction.atomic():
        decision = FeeDecision.objects.select_for_update().filter(invitation=invitation).first()
        before = [decision.choice, str(decision.reduced_amount)] if decision else [None, None]
        if decision is None:
            decision = FeeDecision(invitation=invitation)
        decision.choice = choice
        decision.reduced_amount = reduced_amount
        decision.by_expert = by_expert
        decision.reason = reason.strip()[:1000]
        decision.recorded_by = actor
        decision.save()
        record_change(
            actor=actor,
            instance=decision,
            action=AuditEvent.Action.FEE_CHOICE_RECORDED
            if by_expert
            else AuditEvent.Action.FEE_OVERRIDE_RECORDED,
            changes={
                "choice": [before[0], choice],
                "reduced_amount": [before[1], str(reduced_amount)],
            },
            subject=invitation.expert,
            summary=f"{FeeChoice(choice).label} for {invitation.session}",
        )
    return decision
