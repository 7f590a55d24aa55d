"""Whether a choice of what to be paid can be made for a place now: the one rule, for the
expert's own page, the team's page and the expert's list of coming payments."""

from enum import StrEnum

from coproduce.opportunities.choices import Attendance, InvitationStatus, SessionStatus
from coproduce.payments.calculations import Fee
from coproduce.people.choices import PaymentPreference

# A choice is made for a place the expert has been offered or has taken. On the waiting list
# they have no place yet; declined or cancelled, they are not going.
OPEN_STATUSES = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED)


class Closed(StrEnum):
    """Why no choice can be made for a place now (the pages say each in their own words)."""

    NOT_PAID = "not_paid"  # unpaid work, no rate set, or nothing to pay
    NOT_WANTED = "not_wanted"  # the expert does not take payment for their time
    CANCELLED = "cancelled"  # the session is cancelled
    RECORDED = "recorded"  # attendance is recorded: the payment is made or not made
    WAITING = "waiting"  # on the waiting list: no place yet
    NOT_GOING = "not_going"  # declined, or the place was cancelled or withdrawn


def why_no_fee_choice(invitation, fee: Fee | None) -> Closed | None:
    """Why the fee for this place cannot be chosen now, or None when it can. `fee` is what the
    place pays (fees.fee_for or FeeTable.fee_for). No queries: the invitation comes with its
    session, opportunity and expert."""
    session = invitation.session
    if not session.opportunity.paid or fee is None or not fee.amount:
        return Closed.NOT_PAID
    if invitation.expert.payment_preference != PaymentPreference.PAID:
        return Closed.NOT_WANTED
    if session.status == SessionStatus.CANCELLED:
        return Closed.CANCELLED
    if invitation.attendance != Attendance.NOT_RECORDED:
        return Closed.RECORDED
    if invitation.status == InvitationStatus.WAITING:
        return Closed.WAITING
    if invitation.status not in OPEN_STATUSES:
        return Closed.NOT_GOING
    return None
