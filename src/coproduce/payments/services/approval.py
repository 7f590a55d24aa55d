"""Checking, approving, rejecting and sending back claims. Nobody approves a claim they
submitted. Which moves a claim may make is in payments/transitions.py."""

from django.db import transaction
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.core.lengths import limit_of, too_long
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.models import Claim
from coproduce.payments.queries.benefits import check_invitation
from coproduce.payments.transitions import check_transition

# Each reason written about a claim is kept whole, or refused: never cut.
REASON_LENGTH = limit_of(Claim, "override_reason")
REASON_TOO_LONG = too_long("the reason", REASON_LENGTH)


class ApprovalError(Exception):
    """The claim cannot move as asked; the message says why, in words for the page."""


def _checked_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) > REASON_LENGTH:
        raise ApprovalError(REASON_TOO_LONG)
    return reason


def _locked(claim: Claim) -> Claim:
    return (
        Claim.objects.select_for_update()
        .select_related("invitation__session__opportunity", "expert")
        .get(pk=claim.pk)
    )


def _move(actor, claim: Claim, action: AuditEvent.Action, **fields) -> None:
    if "status" in fields:
        check_transition(claim.status, fields["status"])
    before = {name: str(getattr(claim, name)) for name in fields}
    for name, value in fields.items():
        setattr(claim, name, value)
    claim.save()
    record_change(
        actor=actor,
        instance=claim,
        action=action,
        changes={name: [before[name], str(value)] for name, value in fields.items()},
        subject=claim.expert,
        summary=str(claim),
    )


def check_claim(*, actor, claim: Claim) -> Claim:
    """The involvement team has checked the claim (the receipts match, the person attended)
    and passes it to finance to approve."""
    with transaction.atomic():
        claim = _locked(claim)
        if not claim.may("check"):
            raise ApprovalError("This claim has already been checked or decided")
        if claim.submitted_by_id is not None and claim.submitted_by_id == actor.pk:
            raise ApprovalError(
                "You entered this claim for the expert, so someone else must check it"
            )
        _move(actor, claim, AuditEvent.Action.CLAIM_CHECKED, status=ClaimStatus.CHECKED)
        claim.checked_by, claim.checked_at = actor, timezone.now()
        claim.save(update_fields=["checked_by", "checked_at", "updated_at"])
    return claim


def approval_warning(claim: Claim):
    """The benefits warning for an involvement payment, if it would take the expert past
    their declared limit; None for expenses, which never count as earnings."""
    if claim.kind != ClaimKind.INVOLVEMENT:
        return None
    return check_invitation(claim.invitation)


def approve_claim(*, actor, claim: Claim, override_reason: str = "") -> Claim:
    """Approves a claim for payment. A payment that would take the expert past a declared
    benefits limit is approved only with the reason for going ahead, which is recorded."""
    with transaction.atomic():
        claim = _locked(claim)
        if not claim.may("approve"):
            raise ApprovalError("Only a claim waiting for approval can be approved")
        if claim.submitted_by_id is not None and claim.submitted_by_id == actor.pk:
            raise ApprovalError("You submitted this claim, so someone else must approve it")
        if claim.checked_by_id is not None and claim.checked_by_id == actor.pk:
            raise ApprovalError("You checked this claim, so someone else must approve it")
        warning = approval_warning(claim)
        if warning is not None and not override_reason.strip():
            raise ApprovalError(
                "This payment would affect the expert's benefits. Ask the expert what they "
                "want to do, or give the reason for paying it in full."
            )
        fields: dict[str, str] = {"status": ClaimStatus.APPROVED}
        if warning is not None:
            fields["override_reason"] = _checked_reason(override_reason)
        _move(actor, claim, AuditEvent.Action.CLAIM_APPROVED, **fields)
        claim.decided_by, claim.decided_at = actor, timezone.now()
        claim.save(update_fields=["decided_by", "decided_at", "updated_at"])
    return claim


def reject_claim(*, actor, claim: Claim, reason: str) -> Claim:
    """Rejects a claim with the reason the expert will read."""
    reason = _checked_reason(reason)
    if not reason:
        raise ApprovalError("Enter why the claim is rejected: the expert will read it")
    with transaction.atomic():
        claim = _locked(claim)
        if not claim.may("reject"):
            raise ApprovalError("Only a claim waiting for approval can be rejected")
        if claim.submitted_by_id is not None and claim.submitted_by_id == actor.pk:
            raise ApprovalError("You submitted this claim, so someone else must decide it")
        _move(
            actor,
            claim,
            AuditEvent.Action.CLAIM_REJECTED,
            status=ClaimStatus.REJECTED,
            rejection_reason=reason,
        )
        claim.decided_by, claim.decided_at = actor, timezone.now()
        claim.save(update_fields=["decided_by", "decided_at", "updated_at"])
    return claim


def send_back_claim(*, actor, claim: Claim, reason: str) -> Claim:
    """Sends an expense claim back to the expert to correct, with the reason they will read.
    The expert (or the team for them) corrects it and sends it again; it is then checked
    again from the start."""
    reason = _checked_reason(reason)
    if not reason:
        raise ApprovalError("Enter what needs correcting: the expert will read it")
    with transaction.atomic():
        claim = _locked(claim)
        if claim.kind != ClaimKind.EXPENSES:
            raise ApprovalError(
                "Only expense claims can be sent back. To change a payment for someone's "
                "time, correct their attendance."
            )
        if not claim.may("send back"):
            raise ApprovalError("Only a claim waiting to be checked or approved can be sent back")
        _move(
            actor,
            claim,
            AuditEvent.Action.CLAIM_SENT_BACK,
            status=ClaimStatus.RETURNED,
            return_reason=reason,
        )
        claim.returned_by, claim.returned_at = actor, timezone.now()
        claim.checked_by, claim.checked_at = None, None
        claim.save(
            update_fields=["returned_by", "returned_at", "checked_by", "checked_at", "updated_at"]
        )
    return claim
