"""Changes to support sheets, each in one transaction with its audit record. The caller has
checked the person may make them (onboarding.manage_support_sheets)."""

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import SupportSheet

FIELDS = ("title", "audience", "summary", "body", "position")


class SheetError(ValueError):
    """A change that cannot be made, with a message for the person."""


def add_sheet(
    *, actor, title: str, audience: str, summary: str, body: str, position: int
) -> SupportSheet:
    """A new support sheet, shown at once to the people it is for."""
    with transaction.atomic():
        sheet = SupportSheet.objects.create(
            title=title.strip(),
            audience=SupportSheet.Audience(audience),
            summary=summary.strip(),
            body=body,
            position=position,
            changed_by=actor,
        )
        audit.record_change(
            actor=actor,
            instance=sheet,
            action=AuditEvent.Action.SHEET_ADDED,
            summary=f"Support sheet ‘{sheet.title}’ added",
            changes=audit.diff({}, audit.snapshot(sheet, FIELDS)),
        )
    return sheet


def change_sheet(
    *, actor, sheet: SupportSheet, title: str, audience: str, summary: str, body: str, position: int
) -> SupportSheet:
    """Saves the new wording; the audit trail keeps what it said before."""
    with transaction.atomic():
        sheet = SupportSheet.objects.select_for_update().get(pk=sheet.pk)
        before = audit.snapshot(sheet, FIELDS)
        sheet.title = title.strip()
        sheet.audience = SupportSheet.Audience(audience)
        sheet.summary = summary.strip()
        sheet.body = body
        sheet.position = position
        changes = audit.diff(before, audit.snapshot(sheet, FIELDS))
        if not changes:
            return sheet
        sheet.changed_at = timezone.now()
        sheet.changed_by = actor
        sheet.save()
        audit.record_change(
            actor=actor,
            instance=sheet,
            action=AuditEvent.Action.SHEET_CHANGED,
            summary=f"Support sheet ‘{sheet.title}’ changed",
            changes=changes,
        )
    return sheet


def retire_sheet(*, actor, sheet: SupportSheet) -> SupportSheet:
    """Stops showing the sheet to anyone but the involvement lead, who can bring it back."""
    return _set_retired(actor=actor, sheet=sheet, retire=True)


def restore_sheet(*, actor, sheet: SupportSheet) -> SupportSheet:
    """Shows a retired sheet again, where it was before."""
    return _set_retired(actor=actor, sheet=sheet, retire=False)


def _set_retired(*, actor, sheet: SupportSheet, retire: bool) -> SupportSheet:
    with transaction.atomic():
        sheet = SupportSheet.objects.select_for_update().get(pk=sheet.pk)
        if retire and sheet.retired_at is not None:
            raise SheetError(f"‘{sheet.title}’ has already been retired.")
        if not retire and sheet.retired_at is None:
            raise SheetError(f"‘{sheet.title}’ is not retired.")
        before = sheet.retired_at
        sheet.retired_at = timezone.now() if retire else None
        sheet.changed_at = timezone.now()
        sheet.changed_by = actor
        sheet.save()
        audit.record_change(
            actor=actor,
            instance=sheet,
            action=AuditEvent.Action.SHEET_RETIRED if retire else AuditEvent.Action.SHEET_RESTORED,
            summary=f"Support sheet ‘{sheet.title}’ " + ("retired" if retire else "brought back"),
            changes={"retired_at": [str(before) if before else None, str(sheet.retired_at or "")]},
        )
    return sheet
