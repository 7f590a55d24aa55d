"""Restriction of processing (UK GDPR article 18). A person may ask us to stop using their
information for a while: while they are restricted we keep their record but leave them out of
searches, shortlists, invitations, mailings and exports (`Expert.objects.processable()`), and
their record says why and since when. Money already owed to them is still paid: that is a
legal obligation, not a use of their information we may pause.

Each change is one transaction with its audit record; the caller has checked permission."""

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import short_date
from coproduce.people.models import Expert


class RestrictionError(Exception):
    """Why nothing was changed, in words for the person who asked."""


@transaction.atomic
def restrict_processing(*, actor: User, expert: Expert, reason: str) -> Expert:
    """Stops all use of the person's information for our work, from now, saying why. They
    leave every search, shortlist, invitation, mailing and export at once."""
    # The row is locked and read again: two people restricting at once restrict once.
    if Expert.objects.select_for_update().get(pk=expert.pk).restricted_at is not None:
        raise RestrictionError(
            f"Processing of {expert.full_name}'s information is already restricted"
        )
    expert.restricted_at = timezone.now()
    expert.restriction_reason = reason.strip()
    expert.restricted_by = actor
    expert.save(
        update_fields=["restricted_at", "restriction_reason", "restricted_by", "updated_at"]
    )
    audit.record_change(
        actor=actor,
        instance=expert,
        action=AuditEvent.Action.RESTRICTED,
        changes={"restriction_reason": ["", expert.restriction_reason]},
        summary=expert.restriction_reason,  # the history shows "Processing restricted: …"
    )
    return expert


@transaction.atomic
def lift_restriction(*, actor: User, expert: Expert, reason: str = "") -> Expert:
    """Lets us use the person's information again: they come back into searches,
    shortlists, invitations, mailings and exports. The audit keeps why it was restricted,
    since when, and why it was lifted."""
    locked = Expert.objects.select_for_update().get(pk=expert.pk)
    if locked.restricted_at is None:
        raise RestrictionError(f"Processing of {expert.full_name}'s information is not restricted")
    since = short_date(locked.restricted_at)
    before = locked.restriction_reason
    expert.restricted_at = None
    expert.restriction_reason = ""
    expert.restricted_by = None
    expert.save(
        update_fields=["restricted_at", "restriction_reason", "restricted_by", "updated_at"]
    )
    reason = reason.strip()
    summary = f"Restricted since {since}: {before}"
    if reason:
        summary = f"{reason.rstrip('.')}. {summary}"
    audit.record_change(
        actor=actor,
        instance=expert,
        action=AuditEvent.Action.RESTRICTION_LIFTED,
        changes={"restriction_reason": [before, ""], "reason_for_lifting": ["", reason]},
        summary=summary,
    )
    return expert
