"""The register as a spreadsheet. Cells that a spreadsheet would run as a formula are made
plain text, so an exported name like "=HYPERLINK(...)" cannot run on a coordinator's machine.

The whole register can be tens of thousands of rows, so neither format is built in memory:
rows are read from the database in chunks (a fixed number of queries per chunk), the CSV is
sent as it is written, and the XLSX is written row by row to a temporary file."""

import csv
import tempfile
from collections.abc import Iterator
from typing import cast

from django.db import models
from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from coproduce.core.spreadsheets import heading_row, neutralise
from coproduce.people.models import Expert
from coproduce.people.validation import display_phone

# Rows read from the database at a time: each chunk costs one query for the experts and one
# for each of their lists (lived experience, skills, access needs), whatever its size.
CHUNK_SIZE = 2000

COLUMNS = [
    "Full name",
    "Preferred name",
    "Pronouns",
    "Email",
    "Phone",
    "Postcode",
    "Locality",
    "Preferred contact",
    "Perspective",
    "Lived experience",
    "Skills",
    "Access needs",
    "Payment preference",
    "Status",
    "Added",
]


# The expert's own columns, in COLUMNS order; the three lists are filled in between.
_FIELDS = (
    "pk",
    "full_name",
    "preferred_name",
    "pronouns",
    "email",
    "phone",
    "postcode",
    "locality__name",
    "preferred_channel",
    "perspective",
    "payment_preference",
    "status",
    "created_at",
)
_LISTS = ("lived_experience", "skills", "access_needs")


def _labels(field: str) -> dict[str, str]:
    choices = cast(models.Field, Expert._meta.get_field(field)).flatchoices
    return {str(value): str(label) for value, label in choices}


def _names_by_expert(field: str, ids: list[int]) -> dict[int, str]:
    """Each expert's entries in one of their lists, by name, "; "-separated: one query."""
    relation = cast(models.ManyToManyField, Expert._meta.get_field(field))
    target = relation.m2m_reverse_field_name()
    links = (
        cast(type[models.Model], relation.remote_field.through)
        ._default_manager.filter(expert_id__in=ids)
        .order_by(f"{target}__name")
        .values_list("expert_id", f"{target}__name")
    )
    names: dict[int, list[str]] = {}
    for expert_id, name in links:
        names.setdefault(expert_id, []).append(name)
    return {expert_id: "; ".join(entries) for expert_id, entries in names.items()}


def _chunks(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def register_rows(experts: QuerySet[Expert]) -> Iterator[list[str]]:
    """One neutralised row per expert in `experts` (in its order), read `CHUNK_SIZE` at a
    time: one query reads the experts, then each chunk costs one query per list. Plain
    values, not model instances, so that 20,000 rows take seconds, not tens of seconds."""
    channel, perspective = _labels("preferred_channel"), _labels("perspective")
    payment, status = _labels("payment_preference"), _labels("status")
    rows = experts.prefetch_related(None).values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    for chunk in _chunks(rows, CHUNK_SIZE):
        ids = [row[0] for row in chunk]
        areas, skills, needs = (_names_by_expert(field, ids) for field in _LISTS)
        for pk, full, preferred, pronouns, email, phone, postcode, locality, *rest in chunk:
            preferred_channel, perspective_value, payment_value, status_value, created = rest
            row = [
                full,
                preferred,
                pronouns,
                email,
                display_phone(phone),
                postcode,
                locality or "",
                channel.get(preferred_channel, preferred_channel),
                perspective.get(perspective_value, perspective_value),
                areas.get(pk, ""),
                skills.get(pk, ""),
                needs.get(pk, ""),
                payment.get(payment_value, payment_value),
                status.get(status_value, status_value),
                created.date().isoformat(),
            ]
            yield [neutralise(v) for v in row]


class _Line:
    """A file-like object for csv.writer that hands back what was just written."""

    def write(self, text: str) -> str:
        return text


def register_csv(experts: QuerySet[Expert]) -> Iterator[bytes]:
    """The CSV a line at a time, headings first: the first bytes go before any row is read."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS).encode("utf-8")
    for row in register_rows(experts):
        yield writer.writerow(row).encode("utf-8")


def register_xlsx(experts: QuerySet[Expert]) -> tempfile.SpooledTemporaryFile:
    """The workbook in a temporary file, at its start. openpyxl's write-only mode keeps one
    row in memory at a time; the file is deleted when closed (FileResponse closes it once
    sent), so no copy of the register stays on the server."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Register")
    sheet.freeze_panes = "A2"
    sheet.append(heading_row(sheet, COLUMNS))
    for row in register_rows(experts):
        # A control character (from a pasted or imported value) would stop the whole file.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in row])
    # Small registers stay in memory; a large one spills to disk past 5 MB.
    out = tempfile.SpooledTemporaryFile(max_size=5 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(out)
    out.seek(0)
    return out
