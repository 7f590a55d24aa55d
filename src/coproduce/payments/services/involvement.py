"""Involvement payments made from attendance: one claim per place, however often attendance
is saved or corrected."""

from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.core.formats import long_date, money
from coproduce.core.lengths import shorten_for
from coproduce.core.money import ZERO
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.pay import AlreadyPaid
from coproduce.opportunities.queries.confidential import work_title
from coproduce.payments.choices import FEE, ClaimKind, ClaimStatus
from coproduce.payments.models import Claim, ClaimLine
from coproduce.payments.queries.fees import after_decision, fee_for
from coproduce.payments.transitions import move
from coproduce.people.choices import PaymentPreference


class ClaimAlreadyPaid(AlreadyPaid):
    """Attendance cannot change a payment that has been paid; the message says so in words.
    (Opportunities catches it as coproduce.opportunities.pay.AlreadyPaid.)"""


def _wanted_fee(invitation):
    """The fee this place earns and what it should pay now after the expert's choice, or
    (None, None) when it should pay nothing."""
    session = invitation.session
    opportunity = session.opportunity
    if invitation.attendance != Attendance.ATTENDED or not opportunity.paid:
        return None, None
    if invitation.expert.payment_preference != PaymentPreference.PAID:
        return None, None
    worked = fee_for(opportunity, session, hours=invitation.hours or ZERO)
    if worked is None or worked.amount <= 0:
        return None, None
    amount = after_decision(worked.amount, getattr(invitation, "fee_decision", None))
    if amount <= 0:
        return None, None
    return worked, amount


def settle_involvement_payment(*, actor, invitation) -> Claim | None:
    """Makes, adjusts or withdraws the involvement payment for one place after its attendance
    was saved, at the rate in force on the session's date. Called inside the attendance
    transaction with the invitation locked. Raises ClaimAlreadyPaid rather than change a
    payment that is in a payment run."""
    claim = (
        Claim.objects.select_for_update()
        .filter(invitation=invitation, kind=ClaimKind.INVOLVEMENT)
        .first()
    )
    worked, amount = _wanted_fee(invitation)
    reduced = worked is not None and amount < worked.amount
    if claim is None and amount is None:
        return None
    if claim is not None and claim.payment_run_id is not None:
        if claim.total != (amount or ZERO) or claim.status == ClaimStatus.WITHDRAWN:
            raise ClaimAlreadyPaid(
                f"{invitation.expert} has already been paid {money(claim.total)} for this "
                f"meeting (payment run {claim.payment_run}). Ask finance before "
                "changing their attendance or hours."
            )
        return claim
    session = invitation.session
    now = timezone.now()
    summary = (
        f"Involvement payment for {work_title(session.opportunity)} on "
        f"{long_date(session.starts_at)}"
    )
    if amount is None:
        # Corrected to not attended (or the expert chose no fee): withdraw, keep the record.
        # (There is a claim here: with no claim and no amount there is nothing to do, above.)
        if claim is not None and claim.status != ClaimStatus.WITHDRAWN:
            before = move(claim, "withdraw")
            claim.save(update_fields=["status", "updated_at"])
            record_change(
                actor=actor,
                instance=claim,
                action=AuditEvent.Action.CLAIM_WITHDRAWN,
                changes={"status": [before, claim.status]},
                subject=invitation.expert,
                summary=summary,
            )
        return claim
    # Built by us from parts: the title is shortened on purpose, so the fee in words stays whole.
    words = f": {worked.words}"
    if reduced:
        words += f", reduced by the expert's choice to {money(amount)}"
    description = shorten_for(ClaimLine, "description", work_title(session.opportunity), end=words)
    if claim is None:
        claim = Claim.objects.create(
            expert=invitation.expert,
            invitation=invitation,
            kind=ClaimKind.INVOLVEMENT,
            # Attendance recorded by the team is the check: it goes to finance to approve.
            status=ClaimStatus.CHECKED,
            session_date=timezone.localdate(session.starts_at),
            team_id=session.opportunity.team_id,
            total=amount,
            submitted_by=actor,
            submitted_at=now,
            on_behalf=True,
            checked_by=actor,
            checked_at=now,
        )
        ClaimLine.objects.create(
            claim=claim,
            category=FEE,
            description=description,
            quantity=worked.quantity,
            unit_rate=worked.unit_rate,
            amount=amount,
        )
        record_change(
            actor=actor,
            instance=claim,
            action=AuditEvent.Action.CLAIM_CREATED,
            changes={"total": [None, str(amount)]},
            subject=invitation.expert,
            summary=summary,
        )
        return claim
    if claim.total == amount and claim.status != ClaimStatus.WITHDRAWN:
        return claim
    was = {"total": str(claim.total), "status": claim.status}
    claim.lines.all().delete()
    ClaimLine.objects.create(
        claim=claim,
        category=FEE,
        description=description,
        quantity=worked.quantity,
        unit_rate=worked.unit_rate,
        amount=amount,
    )
    # A changed amount needs approving again.
    claim.total = amount
    move(claim, "adjust")
    claim.checked_by, claim.checked_at = actor, now
    claim.decided_by, claim.decided_at, claim.override_reason = None, None, ""
    claim.save()
    record_change(
        actor=actor,
        instance=claim,
        action=AuditEvent.Action.CLAIM_ADJUSTED,
        changes={
            "total": [was["total"], str(claim.total)],
            "status": [was["status"], claim.status],
        },
        subject=invitation.expert,
        summary=summary,
    )
    return claim
