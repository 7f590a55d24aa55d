"""Reading a spreadsheet a coordinator uploads: a CSV (UTF-8, with or without the byte order
mark Excel adds, or Windows-1252) or an Excel workbook (.xlsx, first sheet). Every way a file can
be wrong gives a ValidationError that says in plain English what to do."""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError

from coproduce.core.spreadsheets import FORMULA_STARTS

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 50
# 10,000 rows of 50 columns of text unzip to well under this.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


def normalise(text: str) -> str:
    """Lower case, with punctuation and runs of spaces made one space: "E-mail " -> "e mail",
    "Access & needs" -> "access and needs"."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how the coordinator sees the column in their spreadsheet."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Sheet:
    headers: list[str]
    # (row number as the spreadsheet shows it, cells); blank rows are left out.
    rows: list[tuple[int, list[str]]]
    file_format: str


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores 07911123456 as the number 7911123456.0; keep the digits.
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    # Our own export writes '=... so a formula cannot run; take the guard off again.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise ValidationError(
            "This file is not a CSV file we can read. In Excel, choose Save As and pick "
            "'CSV UTF-8', then upload it again"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        "We could not read the letters in this file. In Excel, choose Save As and pick "
        "'CSV UTF-8', then upload it again"
    )


def _csv_rows(content: bytes) -> Iterator[list[Any]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    # Excel in some countries saves with semicolons or tabs; the heading row shows which.
    delimiter = max([",", ";", "\t"], key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise ValidationError(
            f"Line {reader.line_num} of the file could not be read. Check it is a CSV file "
            "saved from a spreadsheet"
        ) from error


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    import openpyxl

    workbook = None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            # A small .xlsx can unpack to gigabytes; refuse before reading any of it.
            raise ValidationError(
                "This Excel file is too big to read. Save it as a CSV file and upload that instead"
            )
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        yield from (list(row) for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True))
    except ValidationError:
        raise
    # A damaged file can fail anywhere inside openpyxl, zipfile or the XML parser, with many
    # kinds of error; to the coordinator they all mean the same thing.
    except Exception as error:
        raise ValidationError(
            "We could not open this Excel file. It may be damaged, or not really an Excel "
            "file. Open it in Excel, save it as an Excel Workbook (.xlsx) and upload it again"
        ) from error
    finally:
        if workbook is not None:
            workbook.close()


def _file_format(content: bytes, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if content.startswith(b"\xd0\xcf\x11\xe0") or extension == "xls":
        raise ValidationError(
            "This is an older Excel file (.xls). In Excel, choose Save As and pick "
            "'Excel Workbook (.xlsx)' or 'CSV UTF-8', then upload it again"
        )
    if extension in {"xlsx", "xlsm"} or content.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise ValidationError(
                "We could not open this Excel file. It may be damaged, or not really an Excel "
                "file. Open it in Excel, save it as an Excel Workbook (.xlsx) and upload it again"
            )
        return "xlsx"
    if extension in {"csv", "txt"}:
        return "csv"
    raise ValidationError("The file must be a CSV or Excel (.xlsx) spreadsheet")


def _looks_like_data(headers: list[str]) -> bool:
    """A heading row never holds an email address or a phone number; a person's row does."""
    for heading in headers:
        if "@" in heading:
            return True
        digits = sum(ch.isdigit() for ch in heading)
        if digits >= 6 and digits * 2 >= len(heading.replace(" ", "")):
            return True
    return False


def read_spreadsheet(*, content: bytes, filename: str) -> Sheet:
    """The heading row and the rows of people in a CSV or Excel file, or a ValidationError that
    says in plain English what is wrong with the file."""
    if not content:
        raise ValidationError("The selected file is empty")
    if len(content) > MAX_BYTES:
        raise ValidationError("The file must be smaller than 5 MB. Split it into smaller files")
    file_format = _file_format(content, filename)
    raw_rows = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(content)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(raw_rows, start=1):
        cells = [_cell_text(v) for v in raw]
        while cells and not cells[-1]:
            cells.pop()  # Excel pads every row to the widest one
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
            raise ValidationError(f"The file has more than {MAX_COLUMNS} columns")
        if headers is None:
            headers = cells
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(
                f"The file has more than {MAX_ROWS:,} people in it. Split it into smaller files"
            )
        rows.append((number, cells))
    if headers is None:
        raise ValidationError("The selected file is empty")
    if _looks_like_data(headers):
        raise ValidationError(
            "The first row looks like a person's details, not column headings. Add a row at "
            "the top with headings such as Full name, Email and Phone"
        )
    headers = [h or f"Column {column_letter(i)}" for i, h in enumerate(headers)]
    seen: set[str] = set()
    for heading in headers:
        if normalise(heading) in seen:
            raise ValidationError(
                f"Two columns are headed '{heading}'. Give each column a different heading"
            )
        seen.add(normalise(heading))
    if not rows:
        raise ValidationError("The file has column headings but no people in it")
    return Sheet(headers=headers, rows=rows, file_format=file_format)
