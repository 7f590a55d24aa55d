"""The involvement lead's choice of which checklist items are required, audited. The caller
has checked they may make it (onboarding.manage_checklist)."""

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import ChecklistItem, ChecklistSettings, default_required


def save_required(*, actor, required: list[str]) -> ChecklistSettings:
    chosen = [str(code) for code in ChecklistItem if str(code) in set(required)]
    with transaction.atomic():
        settings = ChecklistSettings.objects.select_for_update().order_by("pk").first()
        if settings is None:
            settings = ChecklistSettings(required=default_required())
        before = list(settings.required)
        if before == chosen and settings.pk:
            return settings
        settings.required = chosen
        settings.changed_at = timezone.now()
        settings.changed_by = actor
        settings.save()

        def words(codes: list[str]) -> str:
            return ", ".join(ChecklistItem(c).label for c in codes if c in ChecklistItem.values)

        audit.record_change(
            actor=actor,
            instance=settings,
            action=AuditEvent.Action.CHECKLIST_CHANGED,
            summary="Required onboarding checklist items changed",
            changes={"required": [words(before), words(chosen)]},
        )
    return settings
