"""Erasing a person (UK GDPR article 17), from every app at once.

Each app that holds personal data about experts has `erase(expert) -> list[str]` in its
`personal_data.py`, beside the `collect` that subject access uses: it removes or empties what
it holds about the person and says, in words, what it removed. This module finds them (at run
time, as Django's admin finds each app's admin.py, so core imports no app); the one
transaction that runs them all, so a person is erased everywhere or nowhere, is
coproduce.people.erasure.erase_person. Files are deleted from storage only once that
transaction has committed.

The audit trail goes first, while the names to look for in it are still there; the other apps
follow in the reverse of INSTALLED_APPS order (the apps that depend on people before people).
What the law needs is kept, without a name: see KEPT."""

import importlib
import importlib.util
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps
from django.db import transaction

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


def delete_file_after_commit(stored) -> bool:
    """Deletes a stored file once the erasure has committed (a rolled-back erasure keeps it).
    Returns whether there was a file."""
    if not stored:
        return False
    storage, name = stored.storage, stored.name
    transaction.on_commit(lambda: storage.delete(name))
    return True
