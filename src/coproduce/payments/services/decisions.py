"""The expert's choice about the fee for a session, or staff going ahead past a warning."""

from decimal import Decimal

from django.db import transaction

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change, shortened
from coproduce.core.lengths import limit_of, too_long
from coproduce.core.money import pounds
from coproduce.payments.choices import FeeChoice, FeeDecider
from coproduce.payments.models import FeeDecision

REASON_LENGTH = limit_of(FeeDecision, "reason")
REASON_TOO_LONG = too_long("the reason", REASON_LENGTH)


class DecisionError(Exception):
    """The choice cannot be recorded as asked; the message says why."""


def _whose(*, by_expert: bool, decided_by: str) -> str:
    """Whose decision, for the audit trail's summary."""
    if decided_by == FeeDecider.OVERRIDE:
        return "an override by the team"
    return "the expert's choice" if by_expert else "the expert's choice, told to the team"


def record_fee_choice(
    *,
    actor,
    invitation,
    choice: str,
    reduced_amount: Decimal | None = None,
    by_expert: bool = True,
    decided_by: str = FeeDecider.EXPERT,
    reason: str = "",
) -> FeeDecision:
    """Records what the expert wants to be paid for this session: the full fee, a reduced fee,
    expenses only, or no fee. Staff recording it for the expert, or going ahead with the full
    fee past a benefits warning (an override, `decided_by`), must give the reason. The
    decision is applied when attendance makes the payment; a payment already made is not
    changed."""
    if choice not in FeeChoice.values:
        raise DecisionError("Choose what the expert wants to be paid")
    if choice == FeeChoice.REDUCED:
        if reduced_amount is None or reduced_amount <= 0:
            raise DecisionError("Enter the reduced amount, more than £0")
        reduced_amount = pounds(reduced_amount)
    else:
        reduced_amount = None
    if decided_by not in FeeDecider.values:
        raise DecisionError("Choose whose decision this is")
    if by_expert and decided_by == FeeDecider.OVERRIDE:
        raise DecisionError("Only the involvement team can override")
    if not by_expert and not reason.strip():
        raise DecisionError("Enter the reason, for the record")
    if len(reason.strip()) > REASON_LENGTH:
        raise DecisionError(REASON_TOO_LONG)
    with transaction.atomic():
        decision = FeeDecision.objects.select_for_update().filter(invitation=invitation).first()
        before: list[str | None] = (
            [decision.choice, str(decision.reduced_amount), decision.decided_by]
            if decision
            else [None, None, None]
        )
        if decision is None:
            decision = FeeDecision(invitation=invitation)
        decision.choice = choice
        decision.reduced_amount = reduced_amount
        decision.by_expert = by_expert
        decision.decided_by = decided_by
        decision.reason = reason.strip()
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
                "decided_by": [before[2], decided_by],
            },
            subject=invitation.expert,
            summary=f"{FeeChoice(choice).label} for {shortened(str(invitation.session), 200)} "
            f"({_whose(by_expert=by_expert, decided_by=decided_by)})",
        )
    return decision
