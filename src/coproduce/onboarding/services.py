"""Changes to onboarding records, each in one transaction with its audit record. The caller
has checked the person may make them (onboarding.rules)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.onboarding.models import Badge, BadgePrint, WelcomePackSent
from coproduce.onboarding.tasks import make_badge_print
from coproduce.people.models import Expert


class BadgeError(ValueError):
    """A badge that cannot be issued or revoked, with a message for the person."""


def issue_badge(*, actor, expert: Expert, expires_on: date, today: date | None = None) -> Badge:
    """A new photo ID badge for the expert, valid from today until `expires_on`. Any badge
    they had is revoked at the same moment, so their old card's check page says so at once."""
    today = today or timezone.localdate()
    if expert.restricted_at is not None:
        raise BadgeError(
            f"Processing of {expert.full_name}'s information is restricted, so they cannot be "
            "issued a badge until the involvement lead lifts the restriction."
        )
    if not expert.photo:
        raise BadgeError(
            f"{expert.full_name} has no photo. Add a photo to their profile before you "
            "issue a badge."
        )
    if expires_on <= today:
        raise BadgeError(f"The expiry date must be after today, {long_date(today)}.")
    with transaction.atomic():
        # Locks the expert's row, so two people issuing at once cannot both replace the
        # same badge (the unique constraint would refuse the second anyway).
        Expert.objects.select_for_update().filter(pk=expert.pk).first()
        for old in Badge.objects.select_for_update().filter(expert=expert, revoked_at=None):
            _revoke(actor=actor, badge=old, reason="Replaced by a new badge")
        badge = Badge.objects.create(
            expert=expert, issued_on=today, expires_on=expires_on, issued_by=actor
        )
        audit.record_change(
            actor=actor,
            instance=badge,
            subject=expert,
            action=AuditEvent.Action.BADGE_ISSUED,
            summary=f"Badge {badge.number} issued, valid until {long_date(expires_on)}",
            changes={"expires_on": [None, str(expires_on)]},
        )
    return badge


def revoke_badge(*, actor, badge: Badge, reason: str) -> Badge:
    """Revokes the badge: from now its check page says "This badge has been revoked"."""
    reason = reason.strip()
    if not reason:
        raise BadgeError("Enter why the badge is revoked.")
    with transaction.atomic():
        locked = Badge.objects.select_for_update().get(pk=badge.pk)
        if locked.revoked_at is not None:
            raise BadgeError(f"Badge {locked.number} has already been revoked.")
        _revoke(actor=actor, badge=locked, reason=reason)
    badge.refresh_from_db()
    return badge


def _revoke(*, actor, badge: Badge, reason: str) -> None:
    badge.revoked_at = timezone.now()
    badge.revoked_by = actor
    badge.revoked_reason = reason
    badge.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    audit.record_change(
        actor=actor,
        instance=badge,
        subject=badge.expert,
        action=AuditEvent.Action.BADGE_REVOKED,
        summary=audit.shortened(f"Badge {badge.number} revoked: {reason}", 300),
        changes={"revoked_reason": ["", reason]},
    )


def start_badge_print(*, actor, badge_ids: list[int]) -> BadgePrint:
    """A print of these badges, made in the background (onboarding.tasks.make_badge_print);
    the coordinator watches its progress and downloads the PDF when it is ready."""
    with transaction.atomic():
        run = BadgePrint.objects.create(
            created_by=actor, badge_ids=list(badge_ids), total=len(badge_ids)
        )
        audit.record_export(
            actor=actor,
            action=AuditEvent.Action.BADGES_PRINTED,
            what=run,
            summary=f"{len(badge_ids)} badges printed",
            details={"badges": len(badge_ids)},
        )
        transaction.on_commit(lambda: make_badge_print.enqueue(run.pk))
    return run


def record_badge_printed(*, actor, badge: Badge) -> None:
    """One expert's badge downloaded as a PDF: it carries their photo and name."""
    audit.record_export(
        actor=actor,
        action=AuditEvent.Action.BADGES_PRINTED,
        what=badge,
        subject=badge.expert,
        summary=f"Badge {badge.number} printed",
    )


def record_welcome_pack_sent(
    *, actor, expert: Expert, sent_on: date, format: str = WelcomePackSent.Format.STANDARD
) -> WelcomePackSent:
    """Records that a welcome pack went to the expert (the checklist's "welcome pack sent")."""
    if format not in WelcomePackSent.Format.values:
        raise ValueError(f"Unknown welcome pack format {format!r}")
    with transaction.atomic():
        sent = WelcomePackSent.objects.create(
            expert=expert, sent_on=sent_on, format=format, sent_by=actor
        )
        audit.record_change(
            actor=actor,
            instance=sent,
            subject=expert,
            action=AuditEvent.Action.WELCOME_PACK_SENT,
            summary=f"{WelcomePackSent.Format(format).label} welcome pack sent on "
            f"{long_date(sent_on)}",
            changes={"format": [None, format]},
        )
    return sent
