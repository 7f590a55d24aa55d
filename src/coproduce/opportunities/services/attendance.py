"""Recording who came to a session and the hours they gave, for everyone at once."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import diff, record_change, snapshot
from coproduce.core.formats import long_date, time_of_day
from coproduce.opportunities.choices import Attendance, InvitationStatus
from coproduce.opportunities.confidential import services as confidential
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.pay import AlreadyPaid, settle_involvement_payment
from coproduce.opportunities.queries.confidential import work_title
from coproduce.opportunities.queries.recent import attendance_changed
from coproduce.opportunities.services import recent_attendance, session_tallies

MAX_HOURS = Decimal("24")
TRACKED = ("attendance", "hours")


class AttendanceError(Exception):
    """Attendance cannot be recorded as asked; the message says why, in words for the page."""


@dataclass(frozen=True)
class AttendanceEntry:
    """What happened for one invitation. An empty `attendance` leaves it not recorded."""

    invitation_id: int
    attendance: str
    hours: Decimal | None = None


def session_has_started(session: Session) -> bool:
    return session.starts_at <= timezone.now()


def _hours_for(entry: AttendanceEntry) -> Decimal | None:
    # Hours are given by those who came; a person who did not come, or cancelled late, gave
    # none (a late-cancellation payment, where there is one, is the payments app's rule).
    if entry.attendance == Attendance.ATTENDED:
        if entry.hours is None:
            raise AttendanceError("Enter the hours for everyone who attended")
        hours = Decimal(entry.hours).quantize(Decimal("0.01"))
        if hours < 0 or hours > MAX_HOURS:
            raise AttendanceError("Hours must be between 0 and 24")
        return hours
    if entry.attendance in (Attendance.DID_NOT_ATTEND, Attendance.CANCELLED_LATE):
        return Decimal("0.00")
    return None


def record_attendance(*, actor, session: Session, entries: list[AttendanceEntry]) -> int:
    """Saves who attended, did not attend or cancelled late, and the hours each gave, for the
    people who accepted a place at this session. All entries are saved or none; each change is
    in the audit trail against the expert. Saving the same answers again changes nothing.
    Paid work makes (or adjusts) each attending expert's involvement payment; a correction
    that would change a payment already paid is refused. Returns how many invitations changed."""
    if not session_has_started(session):
        raise AttendanceError(
            "You cannot record attendance before the meeting starts. It starts on "
            f"{long_date(session.starts_at)} at {time_of_day(session.starts_at)}."
        )
    valid = {choice.value for choice in Attendance}
    changed = 0
    saved: list[Invitation] = []
    with transaction.atomic():
        invitations = {
            invitation.pk: invitation
            for invitation in Invitation.objects.select_for_update()
            .filter(session=session, pk__in=[e.invitation_id for e in entries])
            .select_related("expert", "session__opportunity")
        }
        for entry in entries:
            invitation = invitations.get(entry.invitation_id)
            if invitation is None:
                raise AttendanceError("One of these people was not invited to this meeting")
            if invitation.status != InvitationStatus.ACCEPTED:
                raise AttendanceError(
                    f"{invitation.expert} has not accepted a place, so their attendance "
                    "cannot be recorded"
                )
            if entry.attendance not in valid:
                raise AttendanceError(f"Choose whether {invitation.expert} attended")
            hours = _hours_for(entry)
            if invitation.attendance == entry.attendance and invitation.hours == hours:
                continue
            before = snapshot(invitation, TRACKED)
            invitation.attendance = entry.attendance
            invitation.hours = hours
            invitation.save(update_fields=["attendance", "hours", "updated_at"])
            record_change(
                actor=actor,
                instance=invitation,
                action=AuditEvent.Action.ATTENDANCE_RECORDED,
                changes=diff(before, snapshot(invitation, TRACKED)),
                subject=invitation.expert,
                summary=f"Attendance at {work_title(session.opportunity)} on "
                f"{long_date(session.starts_at)}",
            )
            try:
                settle_involvement_payment(actor=actor, invitation=invitation)
            except AlreadyPaid as paid:
                raise AttendanceError(str(paid)) from paid
            changed += 1
            saved.append(invitation)
        # Experts who came to confidential work are offered a debrief and a wellbeing check-in.
        confidential.attendance_recorded(saved)
        if changed:
            attendance_changed()
            recent_attendance.recount(i.expert_id for i in saved)
            session_tallies.recount([session.pk])
    return changed
