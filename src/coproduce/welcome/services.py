"""Changes to the welcome pack, each in one transaction with its audit record. The caller has
checked the person may make them (welcome.rules)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of
from coproduce.onboarding import services as onboarding_services
from coproduce.welcome.models import PackSettings, SectionWording, WelcomePrint
from coproduce.welcome.sections import BY_KEY
from coproduce.welcome.tasks import make_welcome_print


def change_section(*, actor, key: str, body: str, easy_read: str) -> SectionWording:
    """The lead's own wording for a section, used in every pack made from now on."""
    section = BY_KEY[key]
    body, easy_read = body.strip(), easy_read.strip()
    with transaction.atomic():
        wording = SectionWording.objects.select_for_update().filter(key=key).first()
        before = (wording.body, wording.easy_read) if wording else ("(default)", "(default)")
        if wording is None:
            wording = SectionWording(key=key)
        wording.body, wording.easy_read = body, easy_read
        wording.changed_at, wording.changed_by = timezone.now(), actor
        wording.save()
        audit.record_change(
            actor=actor,
            instance=wording,
            action=AuditEvent.Action.WELCOME_SECTION_CHANGED,
            summary=audit.shortened(f"Welcome pack wording changed: {section.title}", 300),
            changes={"body": [before[0], body], "easy_read": [before[1], easy_read]},
        )
    return wording


def reset_section(*, actor, key: str) -> bool:
    """The section's default wording again; False if it had not been changed."""
    section = BY_KEY[key]
    with transaction.atomic():
        wording = SectionWording.objects.select_for_update().filter(key=key).first()
        if wording is None:
            return False
        audit.record_change(
            actor=actor,
            instance=wording,
            action=AuditEvent.Action.WELCOME_SECTION_CHANGED,
            summary=audit.shortened(f"Welcome pack wording put back: {section.title}", 300),
            changes={
                "body": [wording.body, "(default)"],
                "easy_read": [wording.easy_read, "(default)"],
            },
        )
        wording.delete()
    return True


def change_pack_settings(*, actor, signed_by: str, sheet_ids: list[int]) -> PackSettings:
    """Who signs the welcome letter, and the support sheets every pack includes."""
    with transaction.atomic():
        found = PackSettings.objects.select_for_update().order_by("pk").first()
        current = found or PackSettings()
        before = {"signed_by": current.signed_by, "sheet_ids": list(current.sheet_ids or [])}
        current.signed_by = signed_by.strip()
        current.sheet_ids = sorted(int(pk) for pk in sheet_ids)
        current.changed_at, current.changed_by = timezone.now(), actor
        current.save()
        audit.record_change(
            actor=actor,
            instance=current,
            action=AuditEvent.Action.WELCOME_SECTION_CHANGED,
            summary="Welcome letter signatures and support sheets changed",
            changes={
                "signed_by": [before["signed_by"], current.signed_by],
                "sheet_ids": [before["sheet_ids"], current.sheet_ids],
            },
        )
    return current


def start_welcome_print(*, actor, expert_ids: list[int], format: str) -> WelcomePrint:
    """Many experts' packs made into one PDF in the background (tasks.make_welcome_print);
    the coordinator watches its progress and downloads the PDF when it is ready. Who
    printed how many, in which version, is in the audit trail (never whose packs: as for a
    print of many badges)."""
    with transaction.atomic():
        run = WelcomePrint.objects.create(
            created_by=actor, expert_ids=list(expert_ids), total=len(expert_ids), format=format
        )
        audit.record_export(
            actor=actor,
            action=AuditEvent.Action.WELCOME_PACKS_PRINTED,
            what=run,
            summary=f"{count_of(len(expert_ids), 'welcome pack')} printed",
            details={"packs": len(expert_ids), "format": format},
        )
        transaction.on_commit(lambda: make_welcome_print.enqueue(run.pk))
    return run


def mark_sent(*, actor, expert, sent_on: date, format: str):
    """Records that the expert's welcome pack went to them: their checklist's item."""
    return onboarding_services.record_welcome_pack_sent(
        actor=actor, expert=expert, sent_on=sent_on, format=format
    )
