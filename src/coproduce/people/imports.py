"""Importing a spreadsheet of experts into the register. The coordinator uploads a CSV or Excel
file, says which column holds what, sees every row's problems and the people who may already be
on the register, then adds them all in one transaction, or none of them.

Reading the file is in import_files.py, the fields and column rules in import_fields.py, and the
row checks and duplicate search in import_checks.py; this module holds the steps that change
data. The checks on each value are the register's own (people/validation.py, Django's
EmailValidator, the model's maximum lengths), so an imported record meets the same rules as a
typed one."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of
from coproduce.core.lengths import file_name_for
from coproduce.people.choices import Channel, PaymentPreference, Perspective, Status
from coproduce.people.import_checks import (
    ADD,
    LEAVE_OUT,
    LISTS,
    TEXT_FIELDS,
    CheckedRow,
    Preview,
    RowChecker,
    find_duplicates,
)
from coproduce.people.import_fields import TEMPLATE_HEADINGS, mapping_problems, suggest_mapping
from coproduce.people.import_files import Sheet, read_spreadsheet
from coproduce.people.models import Expert, ImportBatch, Locality, StatusChange
from coproduce.people.signals import import_starting

__all__ = [
    "ImportRejected",
    "abandoned_imports",
    "cancel_import",
    "choose_duplicates",
    "forget_abandoned_imports",
    "choose_columns",
    "column_samples",
    "mapping_problems",
    "preview_import",
    "read_spreadsheet",
    "run_import",
    "start_import",
    "suggest_mapping",
    "template_csv",
]

# Rows are written in chunks so that memory stays flat; each chunk is a handful of queries.
CHUNK_SIZE = 500


class ImportRejected(Exception):
    """The import cannot go ahead; the message says why in plain English."""


def _load(batch: ImportBatch) -> Sheet:
    with batch.file.open("rb") as stored:
        content = stored.read()
    return read_spreadsheet(content=content, filename=batch.original_name)


def column_samples(*, batch: ImportBatch, count: int = 3) -> list[list[str]]:
    """For each column, its first few values, to show beside the choice of field."""
    samples: list[list[str]] = [[] for _ in batch.headers]
    for _, cells in _load(batch).rows:
        for index, value in enumerate(cells[: len(samples)]):
            if value and len(samples[index]) < count:
                samples[index].append(value[:40])
        if all(len(s) == count for s in samples):
            break
    return samples


def template_csv() -> str:
    """A spreadsheet with only the heading row, for a coordinator to fill in."""
    out = io.StringIO()
    csv.writer(out).writerow(TEMPLATE_HEADINGS)
    return out.getvalue()


def preview_import(*, batch: ImportBatch) -> Preview:
    """Every row checked, with its problems, and the likely duplicates: what the coordinator
    sees before anything is added. Reads only; a fixed number of queries."""
    checker = RowChecker(batch=batch)
    rows = [checker.check(number, cells) for number, cells in _load(batch).rows]
    return Preview(rows=rows, duplicates=find_duplicates(rows))


# ---------------------------------------------------------------------------------------------
# Changing data
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def start_import(*, actor: User, filename: str, content: bytes, sheet: Sheet) -> ImportBatch:
    """Keeps the uploaded file privately, under a random name, with a first guess at which
    column is which. Nothing is added to the register yet."""
    import_starting.send(sender=ImportBatch)
    batch = ImportBatch(
        created_by=actor,
        # The uploaded file's own name, shortened on purpose: its extension says how to read it.
        original_name=file_name_for(ImportBatch, "original_name", filename),
        file_format=sheet.file_format,
        headers=sheet.headers,
        mapping=suggest_mapping(sheet.headers),
        row_count=len(sheet.rows),
    )
    batch.file.save(filename, ContentFile(content), save=False)
    name = batch.file.name
    try:
        batch.save()
    except Exception:
        # If the row cannot be saved, the file must not be left behind.
        batch.file.storage.delete(name)
        raise
    return batch


@transaction.atomic
def choose_columns(
    *, batch: ImportBatch, mapping: list[str], default_perspective: str, default_status: str
) -> ImportBatch:
    """Records which register field each column fills, ready for the preview."""
    batch.mapping = mapping
    batch.default_perspective = default_perspective
    batch.default_status = default_status
    batch.state = ImportBatch.State.MAPPED
    batch.save(
        update_fields=["mapping", "default_perspective", "default_status", "state", "updated_at"]
    )
    return batch


@transaction.atomic
def choose_duplicates(*, batch: ImportBatch, choices: dict[int, str]) -> ImportBatch:
    """Remembers, row by row, whether each likely duplicate is added as a new expert (ADD) or
    left out (LEAVE_OUT). Choices made earlier for other rows are kept."""
    if any(choice not in (ADD, LEAVE_OUT) for choice in choices.values()):
        raise ValueError("A likely duplicate is either added or left out")
    batch.duplicate_choices = batch.duplicate_choices | {
        str(row): choice for row, choice in choices.items()
    }
    batch.save(update_fields=["duplicate_choices", "updated_at"])
    return batch


@transaction.atomic
def cancel_import(*, batch: ImportBatch) -> None:
    """Forgets the upload: the batch and the stored file are both deleted."""
    name, storage = batch.file.name, batch.file.storage
    batch.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# An upload nobody finished holds people's details for no reason: it is forgotten after the
# days the organisation sets among its retention periods (coproduce.retention.receivers).
def abandoned_imports(*, older_than: timedelta) -> QuerySet[ImportBatch]:
    """Uploads left unimported and uncancelled for longer than `older_than`."""
    return ImportBatch.objects.exclude(state=ImportBatch.State.IMPORTED).filter(
        updated_at__lt=timezone.now() - older_than
    )


@transaction.atomic
def forget_abandoned_imports(*, older_than: timedelta) -> int:
    """Deletes abandoned uploads (see abandoned_imports) with their stored files. Retention
    runs it whenever an import starts, with the nightly rules, and from
    `manage.py forget_abandoned_imports`."""
    stale = abandoned_imports(older_than=older_than)
    count = 0
    for batch in stale:
        cancel_import(batch=batch)
        count += 1
    return count


def _chunks(rows: list[CheckedRow], size: int) -> Iterator[list[CheckedRow]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _existing_accounts(emails: Iterable[str]) -> dict[str, int | None]:
    """Accounts already using these emails. An expert sign-in that no expert has yet gives its
    id, to be linked as `services._link_account` does; any other account gives None: that
    email is taken, and the expert gets no sign-in."""
    found: dict[str, int | None] = {}
    emails = sorted(set(emails))
    for start in range(0, len(emails), 900):
        accounts = (
            User.objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=emails[start : start + 900])
            .values_list("pk", "lower_email", "role", "expert")
        )
        for pk, email, role, expert_id in accounts:
            found[email] = pk if role == Role.EXPERT and expert_id is None else None
    return found


def _audit_values(row: CheckedRow, names: dict[str, dict[int, str]]) -> dict[str, Any]:
    """What the expert's first audit record shows, in the same form as `audit.snapshot`."""
    values = row.values
    after: dict[str, Any] = {
        name: values[name] for name in (*TEXT_FIELDS, "email", "phone", "postcode")
    }
    after["locality"] = names["locality"].get(values["locality_id"])
    after["perspective"] = Perspective(values["perspective"]).label
    after["status"] = Status(values["status"]).label
    after["payment_preference"] = PaymentPreference(values["payment_preference"]).label
    after["preferred_channel"] = Channel(values["preferred_channel"]).label
    for name, ids in row.lists.items():
        after[name] = sorted(names[name][pk] for pk in ids)
    return audit.diff({}, after)


def _write_chunk(
    *,
    rows: list[CheckedRow],
    actor: User,
    source: str,
    accounts: dict[str, int | None],
    list_names: dict[str, dict[int, str]],
) -> None:
    """Adds one chunk of rows: accounts, experts, their lists, status history and audit
    records, each in one bulk insert whatever the number of rows."""
    new_accounts = []
    for row in rows:
        email = row.values["email"]
        if email and email not in accounts:
            user = User(
                email=email,
                full_name=row.name,
                role=Role.EXPERT,
                is_active=row.values["status"] != Status.LEFT,
                password=make_password(None),
            )
            new_accounts.append(user)
            accounts[email] = None  # until it is saved and has an id
    User.objects.bulk_create(new_accounts)
    for user in new_accounts:
        accounts[user.email] = user.pk

    experts = []
    for row in rows:
        email = row.values["email"]
        user_id = accounts.get(email) if email else None
        if user_id:
            accounts[email] = None  # one expert per sign-in: a later row with it gets none
        experts.append(Expert(source=source, user_id=user_id, **row.values))
    Expert.objects.bulk_create(experts)

    for name, (model, _) in LISTS.items():
        through = getattr(Expert, name).through
        column = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            through(expert_id=expert.pk, **{column: pk})
            for expert, row in zip(experts, rows, strict=True)
            for pk in row.lists[name]
        )
    now = timezone.now()
    StatusChange.objects.bulk_create(
        StatusChange(
            expert=expert,
            from_status="",
            to_status=expert.status,
            by=actor,
            at=now,
            reason="Added to the register from a spreadsheet",
        )
        for expert in experts
    )
    label = Expert._meta.label_lower
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=now,
            actor=actor,
            actor_label=actor.display_name,
            action=AuditEvent.Action.IMPORTED,
            model=label,
            object_id=str(expert.pk),
            subject_model=label,
            subject_id=str(expert.pk),
            summary="Added to the register from a spreadsheet import",
            changes=_audit_values(row, list_names),
        )
        for expert, row in zip(experts, rows, strict=True)
    )


@transaction.atomic
def run_import(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Adds every row of the spreadsheet to the register, each with their lists, status
    history, an audit record and a sign-in if they have an email address no account uses yet.
    Every row is checked again first; if anything is wrong, nothing at all is added.
    A row that looks like someone already on the register, or like an earlier row of the file,
    is added or left out as the coordinator chose (`choose_duplicates`); where they did not
    choose, a strong match is left out and a weak one added."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state == ImportBatch.State.IMPORTED:
        raise ImportRejected("This spreadsheet has already been imported")
    if batch.state != ImportBatch.State.MAPPED:
        raise ImportRejected("Choose which column is which before importing")
    try:
        preview = preview_import(batch=batch)
    except ValidationError as error:
        raise ImportRejected(error.messages[0]) from error
    if not preview.can_import:
        count = preview.rows_with_problems
        raise ImportRejected(
            f"{count_of(count, 'row has', 'rows have')} problems. Nothing has been imported"
        )
    skip = preview.left_out(batch.duplicate_choices)
    rows = [row for row in preview.rows if row.number not in skip]
    if not rows:
        raise ImportRejected(
            "You chose to leave out every row, so nobody would be added. Choose "
            "'Add as a new expert' for the people you want to add, or cancel the import"
        )
    accounts = _existing_accounts(row.values["email"] for row in rows if row.values["email"])
    models = {name: model for name, (model, _) in LISTS.items()} | {"locality": Locality}
    list_names = {name: dict(m.objects.values_list("pk", "name")) for name, m in models.items()}
    for chunk in _chunks(rows, CHUNK_SIZE):
        _write_chunk(
            rows=chunk,
            actor=actor,
            source=batch.source,
            accounts=accounts,
            list_names=list_names,
        )
    stored = batch.file.name
    storage = batch.file.storage
    batch.state = ImportBatch.State.IMPORTED
    batch.imported_count = len(rows)
    batch.skipped_count = len(preview.rows) - len(rows)
    batch.imported_at = timezone.now()
    batch.file = ""
    batch.save()
    # The people are on the register now; the copy of their spreadsheet is not needed.
    transaction.on_commit(lambda: storage.delete(stored))
    return batch
