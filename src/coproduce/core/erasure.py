"""Erasing a person (UK GDPR article 17), from every app at once.

Each app that holds personal data about experts has `erase(expert) -> list[str]` in its
`personal_data.py`, beside the `collect` that subject access uses: it removes or empties what
it holds about the person and says, in words, what it removed. This module finds them and runs
them all in one transaction, so a person is erased everywhere or nowhere; files are deleted
from storage only once that transaction has committed.

The audit trail goes first, while the names to look for in it are still there; the other apps
follow in the reverse of INSTALLED_APPS order (the apps that depend on people before people).
What the law needs is kept, without a name: see KEPT."""

import importlib
import importlib.util
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps
from django.db import transaction
from django.utils import timezone

# What is kept, and why: shown on the confirmation page before erasing, and recorded with it.
KEPT = [
    "Claims and payments, with their amounts, kinds, dates, status and who checked, approved "
    "and paid them, for six years: HMRC requires us to keep records of payments. They are "
    "kept under a made-up name, with nothing that identifies the person.",
    "That a record existed, with the sessions they were invited to, whether they attended and "
    "the hours given, and whether they were a service user or a carer, so that figures and "
    "reports stay correct.",
    "Who did what in the audit trail and when, and when staff opened the record, without the "
    "person's details.",
]


class AlreadyErased(Exception):
    """The person's data was erased before: there is nothing left to erase."""


class NotYet(Exception):
    """Something must be finished before the person can be erased (money still owed to them);
    `reasons` says what, in words."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class ErasureReport:
    expert_id: int
    erased_at: object
    removed: list[str]
    kept: list[str]


def pseudonym(expert) -> str:
    """The made-up name an erased record keeps, in place of their name."""
    return f"Erased person {expert.pk}"


def erasers() -> list[ModuleType]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if config.name.startswith("coproduce.") and importlib.util.find_spec(name):
            module = importlib.import_module(name)
            if hasattr(module, "erase"):
                found.append(module)
    audit = [m for m in found if m.__name__ == "coproduce.audit.personal_data"]
    return audit + [m for m in reversed(found) if m not in audit]


def reasons_to_wait(expert) -> list[str]:
    """What must be finished first, from each app that says (`erase_blockers(expert)` in its
    personal_data.py): an erased person can no longer be paid, so money owed is paid first."""
    return [
        reason
        for module in erasers()
        if hasattr(module, "erase_blockers")
        for reason in module.erase_blockers(expert)
    ]


def erase_person(*, actor, expert) -> ErasureReport:
    """Erases everything personal held about the expert, in every app, for good. One
    ERASED event records who did it, when, the record's number (never the name) and what was
    kept. Raises AlreadyErased the second time, and NotYet while money is still owed."""
    from coproduce.audit import services as audit
    from coproduce.audit.models import AuditEvent

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


def delete_file_after_commit(stored) -> bool:
    """Deletes a stored file once the erasure has committed (a rolled-back erasure keeps it).
    Returns whether there was a file."""
    if not stored:
        return False
    storage, name = stored.storage, stored.name
    transaction.on_commit(lambda: storage.delete(name))
    return True
