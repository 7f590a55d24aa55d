"""Changing reminders: the organisation's settings (the involvement lead's), the reminders a
person turns off for themselves, and deciding to send one reminder (once, ever) and recording
how it went. Each change is audited."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.comms.reminders.models import (
    ExpertReminderOff,
    Kind,
    ReminderSettings,
    SentReminder,
    StaffReminderOff,
)

SETTING_FIELDS = (
    "session_on",
    "session_days",
    "invitation_on",
    "invitation_days",
    "agreement_on",
    "agreement_days",
    "training_on",
    "claim_check_on",
    "claim_check_days",
    "claim_approve_on",
    "claim_approve_days",
    "outcome_on",
    "outcome_who",
)


def set_reminders(*, actor, values: dict) -> ReminderSettings:
    """Saves which reminders the organisation sends and when; audited with what changed."""
    with transaction.atomic():
        found, _ = ReminderSettings.objects.select_for_update().get_or_create(pk=1)
        before = audit.snapshot(found, SETTING_FIELDS)
        for name in SETTING_FIELDS:
            if name in values:
                setattr(found, name, values[name])
        found.session_days = sorted(set(found.session_days), reverse=True)
        found.changed_at = timezone.now()
        found.changed_by = actor
        found.save()
        changes = audit.diff(before, audit.snapshot(found, SETTING_FIELDS))
        audit.record_change(
            actor=actor,
            instance=found,
            action=AuditEvent.Action.REMINDERS_SET,
            changes=changes,
            summary="Changed the organisation's reminders" if changes else "Saved the reminders",
        )
    return found


def _words(kinds) -> str:
    return ", ".join(Kind(k).label.lower() for k in sorted(kinds)) or "none"


def set_expert_reminders(*, actor, expert, kinds_on: set[str], kinds: tuple) -> None:
    """Saves which of `kinds` the expert gets: the others are turned off. Audited against the
    expert."""
    with transaction.atomic():
        before = set(
            ExpertReminderOff.objects.filter(expert=expert, kind__in=kinds).values_list(
                "kind", flat=True
            )
        )
        off = {str(k) for k in kinds} - set(kinds_on)
        ExpertReminderOff.objects.filter(expert=expert, kind__in=before - off).delete()
        ExpertReminderOff.objects.bulk_create(
            [ExpertReminderOff(expert=expert, kind=k) for k in sorted(off - before)]
        )
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.REMINDERS_SET,
            changes={"Reminders turned off": [_words(before), _words(off)]}
            if before != off
            else {},
            summary=f"Reminders turned off: {_words(off)}",
        )


def set_staff_reminders(*, actor, user, kinds_on: set[str], kinds: tuple) -> None:
    """Saves which of `kinds` a member of staff gets; the others are turned off. Audited."""
    with transaction.atomic():
        before = set(
            StaffReminderOff.objects.filter(user=user, kind__in=kinds).values_list(
                "kind", flat=True
            )
        )
        off = {str(k) for k in kinds} - set(kinds_on)
        StaffReminderOff.objects.filter(user=user, kind__in=before - off).delete()
        StaffReminderOff.objects.bulk_create(
            [StaffReminderOff(user=user, kind=k) for k in sorted(off - before)]
        )
        audit.record_change(
            actor=actor,
            instance=user,
            action=AuditEvent.Action.REMINDERS_SET,
            changes={"Reminders turned off": [_words(before), _words(off)]}
            if before != off
            else {},
            summary=f"Reminders turned off: {_words(off)}",
        )


@dataclass(frozen=True)
class Decision:
    kind: str
    about_id: int
    recipient: str
    days_before: int = 0
    expert_id: int | None = None


def decide(decision: Decision) -> SentReminder | None:
    """Records that this reminder is to be sent, in the caller's transaction; None when it
    was decided before (by an earlier run, or another run at the same moment: the unique
    record waits for the other's transaction, then refuses)."""
    try:
        with transaction.atomic():
            return SentReminder.objects.create(
                kind=decision.kind,
                about_id=decision.about_id,
                recipient=decision.recipient,
                days_before=decision.days_before,
                expert_id=decision.expert_id,
            )
    except IntegrityError:
        return None


def record_how(*, sent_ids: list[int], how: str = "", not_sent: str = "") -> None:
    """How the reminder went: by email, by text, or why nothing was sent."""
    SentReminder.objects.filter(pk__in=sent_ids).update(how=how[:40], not_sent=not_sent[:200])
