"""Builders for the spreadsheet import tests: files made in memory, and batches ready to check."""

import csv
import io

import openpyxl

from coproduce.people import imports
from coproduce.people.models import ImportBatch

HEADINGS = [
    "Full name",
    "Email",
    "Phone",
    "Postcode",
    "Locality",
    "Perspective",
    "Status",
    "Lived experience",
    "Skills",
    "Access needs",
    "Payment preference",
]


def csv_bytes(rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def person(n: int, **overrides) -> list[str]:
    """A valid row under HEADINGS, different for each n (names, emails and phones)."""
    values = {
        "Full name": f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}-{n}",
        "Email": f"person{n}@example.net",
        "Phone": f"07911 {100000 + n:06d}",
        "Postcode": "sy2 6nd",
        "Locality": "",
        "Perspective": "Carer",
        "Status": "Active",
        "Lived experience": "",
        "Skills": "",
        "Access needs": "",
        "Payment preference": "Paid",
    }
    values.update(overrides)
    return [values[h] for h in HEADINGS]


FIRST = ["Ada", "Bilal", "Ceri", "Dev", "Efe", "Fion", "Gus", "Hana", "Ivo", "Jude", "Kofi"]
LAST = ["Okafor", "Price", "Quinn", "Rees", "Shah", "Tran", "Usman", "Vance", "Wynne", "Xu"]


def make_batch(
    user,
    rows: list[list],
    *,
    headings: list[str] = HEADINGS,
    file_format: str = "csv",
    mapping: list[str] | None = None,
    default_perspective: str = "",
    default_status: str = "active",
) -> ImportBatch:
    """A batch uploaded by `user`, with its columns chosen (as suggested unless given)."""
    table = [headings, *rows]
    content = xlsx_bytes(table) if file_format == "xlsx" else csv_bytes(table)
    filename = f"experts.{file_format}"
    sheet = imports.read_spreadsheet(content=content, filename=filename)
    batch = imports.start_import(actor=user, filename=filename, content=content, sheet=sheet)
    return imports.choose_columns(
        batch=batch,
        mapping=mapping or batch.mapping,
        default_perspective=default_perspective,
        default_status=default_status,
    )
