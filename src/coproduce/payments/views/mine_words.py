"""The expert's money in words: a claim's status and its history, a fee, a benefits warning.
Short sentences, one idea each, no finance words (Easy Read)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from coproduce.core.formats import long_date, money
from coproduce.payments.choices import ClaimKind, ClaimStatus, FeeChoice
from coproduce.payments.models import Claim


def _on(value) -> str:
    return f" on {long_date(value)}" if value else ""


def status_words(claim: Claim) -> str:
    """ "Paid on Tuesday 3 March 2026", "Not approved: <reason>", and so on."""
    status = claim.status
    if status == ClaimStatus.PAID:
        return f"Paid{_on(claim.paid_on)}"
    if status == ClaimStatus.REJECTED:
        reason = claim.rejection_reason.strip()
        return f"Not approved: {reason}" if reason else "Not approved"
    if status == ClaimStatus.APPROVED:
        return f"Approved{_on(claim.decided_at)}. We will pay it soon."
    if status == ClaimStatus.CHECKED:
        return f"Checked{_on(claim.checked_at)}. Waiting for approval."
    if status == ClaimStatus.WITHDRAWN:
        return "Cancelled. There is nothing to pay."
    if status == ClaimStatus.RETURNED:
        return (
            f"We sent it back to you{_on(claim.returned_at)} to correct: "
            f"{claim.return_reason.strip()} Please correct it and send it again."
        )
    return f"Sent{_on(claim.submitted_at)}. We will check it."


def kind_words(claim: Claim) -> str:
    if claim.kind == ClaimKind.INVOLVEMENT:
        return "Payment for your time"
    return "Expenses"


# NHS.UK tag colours for each status, so the list can be scanned by colour as well as words.
TAG_COLOURS = {
    ClaimStatus.SUBMITTED: "nhsuk-tag--blue",
    ClaimStatus.CHECKED: "nhsuk-tag--blue",
    ClaimStatus.APPROVED: "nhsuk-tag--aqua-green",
    ClaimStatus.PAID: "nhsuk-tag--green",
    ClaimStatus.REJECTED: "nhsuk-tag--red",
    ClaimStatus.WITHDRAWN: "nhsuk-tag--grey",
    ClaimStatus.RETURNED: "nhsuk-tag--orange",
}

SHORT_STATUS = {
    ClaimStatus.SUBMITTED: "Sent",
    ClaimStatus.CHECKED: "Checked",
    ClaimStatus.APPROVED: "Approved",
    ClaimStatus.PAID: "Paid",
    ClaimStatus.REJECTED: "Not approved",
    ClaimStatus.WITHDRAWN: "Cancelled",
    ClaimStatus.RETURNED: "Needs correcting",
}


@dataclass
class Step:
    """One thing that happened to a claim, and when."""

    when: date
    words: str


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def history(claim: Claim) -> list[Step]:
    """What has happened to the claim, oldest first."""
    steps: list[Step] = []
    if claim.kind == ClaimKind.INVOLVEMENT:
        steps.append(
            Step(_day(claim.submitted_at), "We recorded that you came. This made your payment.")
        )
    elif claim.on_behalf:
        steps.append(
            Step(_day(claim.submitted_at), "The involvement team sent this claim for you.")
        )
    else:
        steps.append(Step(_day(claim.submitted_at), "You sent this claim."))
    if claim.returned_at:
        steps.append(
            Step(
                _day(claim.returned_at),
                f"The involvement team sent it back to be corrected: {claim.return_reason}",
            )
        )
        if claim.resubmitted_at and claim.resubmitted_at > claim.returned_at:
            who = "You" if claim.resubmitted_by_id == claim.expert.user_id else "The team"
            steps.append(Step(_day(claim.resubmitted_at), f"{who} corrected it and sent it again."))
    if claim.kind == ClaimKind.EXPENSES and claim.checked_at:
        steps.append(Step(_day(claim.checked_at), "The involvement team checked it."))
    if claim.decided_at:
        if claim.status == ClaimStatus.REJECTED:
            reason = claim.rejection_reason.strip()
            words = "It was not approved." + (f" The reason: {reason}" if reason else "")
            steps.append(Step(_day(claim.decided_at), words))
        elif claim.status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
            steps.append(Step(_day(claim.decided_at), "It was approved for payment."))
    if claim.status == ClaimStatus.PAID and claim.paid_on:
        run = f" Payment reference {claim.payment_run.reference}." if claim.payment_run else ""
        steps.append(Step(claim.paid_on, f"We paid you {money(claim.total)}.{run}"))
    if claim.status == ClaimStatus.WITHDRAWN:
        steps.append(Step(_day(claim.updated_at), "It was cancelled. There is nothing to pay."))
    return steps


def choice_words(choice: str, reduced_amount=None) -> str:
    """The expert's choice as they would say it."""
    if choice == FeeChoice.REDUCED and reduced_amount is not None:
        return f"Take a smaller payment of {money(reduced_amount)}"
    return {
        FeeChoice.FULL: "Take the full payment",
        FeeChoice.REDUCED: "Take a smaller payment",
        FeeChoice.EXPENSES_ONLY: "Take expenses only",
        FeeChoice.DECLINED: "No payment for this meeting",
    }[FeeChoice(choice)]
