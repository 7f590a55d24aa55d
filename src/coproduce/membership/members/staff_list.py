"""Reading the staff list the membership office uploads (CSV or Excel: staff number, name,
email, date of birth) into rows to enrol, or the problems of each row, so that nothing is
enrolled until every row is right (all or nothing)."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from coproduce.people.import_files import normalise, read_spreadsheet

COLUMNS = {
    "staff_number": {"staff number", "staff no", "employee number", "assignment number"},
    "full_name": {"name", "full name"},
    "email": {"email", "email address", "e mail"},
    "date_of_birth": {"date of birth", "dob", "birth date"},
}
COLUMN_WORDS = {
    "staff_number": "Staff number",
    "full_name": "Name",
    "email": "Email",
    "date_of_birth": "Date of birth",
}


@dataclass(frozen=True)
class StaffRow:
    row: int
    staff_number: str
    full_name: str
    email: str
    date_of_birth: date


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str


def _date(text: str) -> date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_staff_list(*, content: bytes, filename: str) -> tuple[list[StaffRow], list[RowProblem]]:
    """The rows of the file, and what is wrong with any of them. A problem with the file as a
    whole (no such column, not a spreadsheet) is a ValidationError in plain words."""
    sheet = read_spreadsheet(content=content, filename=filename)
    headers = [normalise(h) for h in sheet.headers]
    where: dict[str, int] = {}
    for name, names in COLUMNS.items():
        found = [i for i, h in enumerate(headers) if h in names]
        if not found:
            raise ValidationError(
                f"The file needs a column headed ‘{COLUMN_WORDS[name]}’. It needs columns "
                "headed Staff number, Name, Email and Date of birth"
            )
        where[name] = found[0]
    rows: list[StaffRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        cell = {name: (cells[i] if i < len(cells) else "").strip() for name, i in where.items()}
        wrong = []
        staff_number = re.sub(r"\s+", "", cell["staff_number"])
        if not staff_number:
            wrong.append("the staff number is missing")
        elif len(staff_number) > 30:
            wrong.append("the staff number is longer than 30 characters")
        elif staff_number in seen:
            wrong.append(f"staff number {staff_number} is also on row {seen[staff_number]}")
        if not cell["full_name"]:
            wrong.append("the name is missing")
        elif len(cell["full_name"]) > 200:
            wrong.append("the name is longer than 200 characters")
        if cell["email"]:
            try:
                validate_email(cell["email"])
            except ValidationError:
                wrong.append(f"‘{cell['email']}’ is not an email address")
        born = _date(cell["date_of_birth"])
        if born is None:
            wrong.append("the date of birth is missing or not a date like 27/03/1980")
        if wrong:
            problems.append(RowProblem(number, "Row " + str(number) + ": " + "; ".join(wrong)))
            continue
        assert born is not None
        seen[staff_number] = number
        rows.append(StaffRow(number, staff_number, cell["full_name"], cell["email"], born))
    return rows, problems
