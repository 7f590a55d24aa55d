"""Erasing a person (UK GDPR article 17) from every app at once, in one transaction: the
expert is the register's, so the register runs it. The pieces each app uses (what is kept,
the made-up name, deleting files after commit, finding each app's `erase`) are in
coproduce.core.erasure."""

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.erasure import (
    KEPT,
    AlreadyErased,
    ErasureReport,
    NotYet,
    erasers,
    pseudonym,
    reasons_to_wait,
)


def erase_person(*, actor, expert) -> ErasureReport:
    """Erases everything personal held about the expert, in every app, for good. One
    ERASED event records who did it, when, the record's number (never the name) and what was
    kept. Raises AlreadyErased the second time, and NotYet while money is still owed."""
    model = type(expert)
    with transaction.atomic():
        expert = model._default_manager.select_for_update().get(pk=expert.pk)
        if expert.erased_at is not None:
            raise AlreadyErased
        reasons = reasons_to_wait(expert)
        if reasons:
            raise NotYet(reasons)
        expert.erased_at = timezone.now()
        removed: list[str] = []
        for module in erasers():
            removed += module.erase(expert)
        model._default_manager.filter(pk=expert.pk).update(erased_at=expert.erased_at)
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.ERASED,
            summary=f"Personal data erased ({pseudonym(expert)})",
            changes={"removed": removed, "kept": KEPT},
        )
    return ErasureReport(expert.pk, expert.erased_at, removed, KEPT)
