"""Changes to concerns, each in one transaction with its audit record. The caller has checked
the person may make them (concerns/rules.py). Audit summaries name the concern's reference and
what kind of step it was, never what the expert wrote: that stays on the concern.

Each concern moves new → open → closed (and closed → open when reopened); every other move is
refused here."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.impact.concerns.models import Concern, ConcernSettings, Step
from coproduce.impact.concerns.tasks import tell_expert_of_reply, tell_safeguarding_contacts
from coproduce.people.models import Expert


class ConcernError(ValueError):
    """A step that cannot be taken as asked, with a message for the person. `field` names the
    form field the message belongs beside, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _label(user) -> str:
    if user is None:
        return "System"
    return getattr(user, "display_name", None) or str(user)


def _step(concern: Concern, kind: str, *, actor, text: str = "", submission=None) -> Step:
    return Step.objects.create(
        concern=concern,
        kind=kind,
        text=text,
        by=actor if getattr(actor, "pk", None) else None,
        by_label=_label(actor),
        submission=submission,
    )


def _tell_safeguarding_on_commit(concern: Concern) -> None:
    pk = concern.pk
    transaction.on_commit(lambda: tell_safeguarding_contacts.enqueue(pk))


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


def raise_concern(
    *,
    actor,
    expert: Expert,
    about: str,
    what_happened: str,
    wanted: str = "",
    safeguarding: bool = False,
    invitation=None,
    claim=None,
    received: str = Concern.Received.PORTAL,
    submission: uuid.UUID | None = None,
) -> Concern:
    """Records the concern. The involvement team sees it on their list at once; a
    safeguarding concern also goes to every named safeguarding contact by email, straight
    after it is saved. Sending the same form twice raises it once."""
    if expert.erased_at is not None:
        raise ConcernError("This person's details have been erased.")
    if invitation is not None and invitation.expert_id != expert.pk:
        raise ConcernError("Choose one of the meetings from the list", field="invitation")
    if claim is not None and claim.expert_id != expert.pk:
        raise ConcernError("Choose one of the payments from the list", field="claim")
    if not what_happened.strip():
        raise ConcernError("Tell us what happened", field="what_happened")
    if submission is not None:
        already = Concern.objects.filter(submission=submission).first()
        if already is not None:
            return already
    try:
        with transaction.atomic():
            concern = Concern.objects.create(
                expert=expert,
                about=about,
                invitation=invitation if about == Concern.About.MEETING else None,
                claim=claim if about == Concern.About.PAYMENT else None,
                what_happened=what_happened.strip(),
                wanted=wanted.strip(),
                safeguarding=safeguarding,
                received=received,
                raised_by=actor if getattr(actor, "pk", None) else None,
                submission=submission,
            )
            _step(concern, Step.Kind.RAISED, actor=actor)
            on_behalf = received != Concern.Received.PORTAL
            audit.record_change(
                actor=actor,
                instance=concern,
                subject=expert,
                action=AuditEvent.Action.CONCERN_RAISED,
                summary=(
                    f"Concern {concern.reference} raised"
                    + (
                        f" ({concern.get_received_display().lower()}, recorded by staff)"
                        if on_behalf
                        else ""
                    )
                    + (", marked as safeguarding" if safeguarding else "")
                ),
                changes={
                    "about": [None, concern.about],
                    "safeguarding": [None, safeguarding],
                    "received": [None, received],
                },
            )
            if safeguarding:
                _tell_safeguarding_on_commit(concern)
    except IntegrityError:  # the same form sent twice at the same moment
        if submission is None:
            raise
        return Concern.objects.get(submission=submission)
    return concern


def add_to_concern(
    *, actor, concern: Concern, text: str, submission: uuid.UUID | None = None
) -> Step:
    """The expert adds more to a concern that is not closed; the team sees it in its history."""
    if not text.strip():
        raise ConcernError("Write what you want to add", field="text")
    if submission is not None and (found := Step.objects.filter(submission=submission).first()):
        return found
    with transaction.atomic():
        locked = _locked(concern)
        if locked.status == Concern.Status.CLOSED:
            raise ConcernError(
                "This concern is closed, so you cannot add to it. You can raise a new concern."
            )
        step = _step(locked, Step.Kind.ADDED, actor=actor, text=text.strip(), submission=submission)
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.expert,
            action=AuditEvent.Action.CONCERN_RAISED,
            summary=f"More added to concern {locked.reference}",
        )
    return step


def triage(*, actor, concern: Concern, category: str, handler, safeguarding: bool) -> Concern:
    """Sorts the concern: what kind it is, who handles it, and whether it is safeguarding.
    Marked as safeguarding now, it goes to the safeguarding contacts at once."""
    with transaction.atomic():
        locked = _locked(concern)
        if locked.status == Concern.Status.CLOSED:
            raise ConcernError(f"Concern {locked.reference} is closed. Reopen it first.")
        before = audit.snapshot(locked, ["status", "category", "handler", "safeguarding"])
        newly_safeguarding = safeguarding and not locked.safeguarding
        locked.category = category
        locked.handler = handler
        # Once marked, a concern stays safeguarding: its contacts have been told.
        locked.safeguarding = locked.safeguarding or safeguarding
        if locked.status == Concern.Status.NEW:
            locked.status = Concern.Status.OPEN
        locked.save(update_fields=["category", "handler", "safeguarding", "status"])
        after = audit.snapshot(locked, ["status", "category", "handler", "safeguarding"])
        text = f"{locked.get_category_display()}. Handled by {_label(handler)}."
        if newly_safeguarding:
            text += " Marked as safeguarding."
        _step(locked, Step.Kind.TRIAGED, actor=actor, text=text)
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.expert,
            action=AuditEvent.Action.CONCERN_TRIAGED,
            summary=f"Concern {locked.reference} triaged"
            + (", marked as safeguarding" if newly_safeguarding else ""),
            changes=audit.diff(before, after),
        )
        if newly_safeguarding:
            _tell_safeguarding_on_commit(locked)
    return locked


def respond(*, actor, concern: Concern, text: str, submission: uuid.UUID | None = None) -> Step:
    """Sends the expert a reply: they read it in their portal, and get an email (or a text,
    if that is how they asked to be contacted) saying there is one. The same form sent twice
    sends one reply."""
    if not text.strip():
        raise ConcernError("Write your reply", field="text")
    if submission is not None and (found := Step.objects.filter(submission=submission).first()):
        return found
    try:
        with transaction.atomic():
            locked = _locked(concern)
            if locked.status == Concern.Status.CLOSED:
                raise ConcernError(f"Concern {locked.reference} is closed. Reopen it first.")
            step = _step(
                locked, Step.Kind.RESPONSE, actor=actor, text=text.strip(), submission=submission
            )
            fields = []
            if locked.first_response_at is None:
                locked.first_response_at = step.at
                fields.append("first_response_at")
            if locked.status == Concern.Status.NEW:
                locked.status = Concern.Status.OPEN
                fields.append("status")
            if fields:
                locked.save(update_fields=fields)
            audit.record_change(
                actor=actor,
                instance=locked,
                subject=locked.expert,
                action=AuditEvent.Action.CONCERN_RESPONDED,
                summary=f"Reply sent on concern {locked.reference}",
            )
            pk = step.pk
            transaction.on_commit(lambda: tell_expert_of_reply.enqueue(pk))
    except IntegrityError:
        if submission is None:
            raise
        return Step.objects.get(submission=submission)
    return step


def close(*, actor, concern: Concern, note: str) -> Concern:
    """Closes the concern with a note of what happened, which the expert sees."""
    if not note.strip():
        raise ConcernError("Write a closing note: what happened as a result", field="note")
    with transaction.atomic():
        locked = _locked(concern)
        if locked.status == Concern.Status.CLOSED:
            raise ConcernError(f"Concern {locked.reference} is already closed.")
        before = locked.status
        locked.status = Concern.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        _step(locked, Step.Kind.CLOSED, actor=actor, text=note.strip())
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.expert,
            action=AuditEvent.Action.CONCERN_CLOSED,
            summary=f"Concern {locked.reference} closed",
            changes={"status": [before, locked.status]},
        )
    return locked


def reopen(*, actor, concern: Concern, reason: str) -> Concern:
    """Opens a closed concern again (something more came up), with the reason."""
    if not reason.strip():
        raise ConcernError("Write why you are reopening it", field="reason")
    with transaction.atomic():
        locked = _locked(concern)
        if locked.status != Concern.Status.CLOSED:
            raise ConcernError(f"Concern {locked.reference} is not closed.")
        locked.status = Concern.Status.OPEN
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        _step(locked, Step.Kind.REOPENED, actor=actor, text=reason.strip())
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.expert,
            action=AuditEvent.Action.CONCERN_REOPENED,
            summary=f"Concern {locked.reference} reopened",
            changes={"status": [Concern.Status.CLOSED, locked.status]},
        )
    return locked


def set_settings(*, actor, contacts: list, team_email: str, reply_days: int) -> ConcernSettings:
    """Names the safeguarding contacts (staff accounts, and the safeguarding team's own email
    address) and the working days within which an expert hears back."""
    with transaction.atomic():
        found = (
            ConcernSettings.objects.select_for_update().first() or ConcernSettings.objects.create()
        )
        before = {
            "contacts": sorted(_label(u) for u in found.contacts.all()),
            "team_email": found.team_email,
            "reply_days": found.reply_days,
        }
        found.team_email = team_email.strip()
        found.reply_days = reply_days
        found.changed_at = timezone.now()
        found.changed_by = actor
        found.save()
        found.contacts.set(contacts)
        after = {
            "contacts": sorted(_label(u) for u in contacts),
            "team_email": found.team_email,
            "reply_days": found.reply_days,
        }
        audit.record_change(
            actor=actor,
            instance=found,
            action=AuditEvent.Action.SAFEGUARDING_CONTACTS_SET,
            summary="Safeguarding contacts and reply time set",
            changes=audit.diff(before, after),
        )
    return found
