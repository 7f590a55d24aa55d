"""Checking each row of a spreadsheet against the register's rules and the team's lists, and
finding the rows that are likely to be people already on the register. Reads only."""

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from coproduce.people.choices import Channel, PaymentPreference, Perspective
from coproduce.people.import_fields import (
    CHOICE_LOOKUPS,
    CHOICE_TYPES,
    FIELDS_BY_NAME,
    NAME_PARTS,
)
from coproduce.people.import_files import normalise
from coproduce.people.models import (
    AccessNeed,
    Expert,
    ImportBatch,
    LivedExperienceArea,
    Locality,
    Skill,
)
from coproduce.people.validation import clean_phone, clean_postcode, display_phone

# rapidfuzz scores 0-100: "Jon Smith" and "John Smith" score 95, "Jane Smith" and "John Smith" 80.
NAME_MATCH_CUTOFF = 90
SUGGESTION_CUTOFF = 80

LISTS = {
    "lived_experience": (LivedExperienceArea, "a lived experience area"),
    "skills": (Skill, "a skill"),
    "access_needs": (AccessNeed, "an access need"),
}
TEXT_FIELDS = (
    "full_name",
    "preferred_name",
    "pronouns",
    "address",
    "biography",
    "internal_notes",
)


def _list_key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}"


@dataclass
class CheckedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, list[int]] = field(default_factory=dict)
    locality_name: str = ""
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.values.get("full_name", "")


@dataclass
class _Choices:
    """One of the team's lists: names in use, and names kept only on old records."""

    label: str
    active: dict[str, int]
    inactive: dict[str, int]
    names: list[str]

    @classmethod
    def load(cls, model, label: str) -> "_Choices":
        active: dict[str, int] = {}
        inactive: dict[str, int] = {}
        names: list[str] = []
        for pk, name, in_use in model.objects.values_list("pk", "name", "active"):
            (active if in_use else inactive)[_list_key(name)] = pk
            if in_use:
                names.append(name)
        return cls(label=label, active=active, inactive=inactive, names=names)

    def find(self, text: str) -> tuple[int | None, str]:
        """The entry's id, or None and what to tell the coordinator."""
        key = _list_key(text)
        if key in self.active:
            return self.active[key], ""
        if key in self.inactive:
            return None, f"'{text}' is on your list as {self.label} but is no longer in use"
        message = f"'{text}' is not {self.label} on your list"
        near = process.extractOne(
            text,
            self.names,
            scorer=fuzz.ratio,
            processor=default_process,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        if near:
            message += f". Did you mean '{near[0]}'?"
        return None, message


class RowChecker:
    """Checks rows against the register's rules and the team's lists, loaded once."""

    def __init__(self, *, batch: ImportBatch):
        self.headers: list[str] = batch.headers
        self.columns = {name: i for i, name in enumerate(batch.mapping) if name}
        self.defaults = {
            "perspective": batch.default_perspective,
            "status": batch.default_status,
            "payment_preference": PaymentPreference.PAID,  # the register's own default
        }
        self.localities = _Choices.load(Locality, "a locality")
        self.lists = {name: _Choices.load(model, label) for name, (model, label) in LISTS.items()}
        self.email_validator = EmailValidator()
        self.limits = {name: _max_length(name) for name in (*TEXT_FIELDS, "email")}

    def check(self, number: int, cells: list[str]) -> CheckedRow:
        """The row's values as the register would store them, and everything wrong with it."""
        row = CheckedRow(number=number)
        if len(cells) > len(self.headers) and any(cells[len(self.headers) :]):
            row.problems.append(
                RowProblem(
                    number,
                    "Whole row",
                    "",
                    "This row has more cells than there are column headings. Check for a "
                    "comma or semicolon that should be inside quotes",
                )
            )
        self._text(row, cells)
        self._contact(row, cells)
        self._choices(row, cells)
        self._lists(row, cells)
        values = row.values
        values["preferred_channel"] = (
            Channel.EMAIL
            if values["email"]
            else Channel.PHONE
            if values["phone"]
            else Channel.POST
            if values["address"]
            else Channel.EMAIL
        )
        return row

    def _cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def _problem(self, row: CheckedRow, name: str, value: str, message: str) -> None:
        index = self.columns.get(name)
        column = self.headers[index] if index is not None else FIELDS_BY_NAME[name].label
        row.problems.append(RowProblem(row.number, column, value, message))

    def _text(self, row: CheckedRow, cells: list[str]) -> None:
        values = row.values
        if any(name in self.columns for name in NAME_PARTS):
            parts = (self._cell(cells, name) for name in NAME_PARTS)
            values["full_name"] = " ".join(part for part in parts if part)
        else:
            values["full_name"] = self._cell(cells, "full_name")
        if not values["full_name"]:
            name = NAME_PARTS[0] if NAME_PARTS[0] in self.columns else "full_name"
            self._problem(row, name, "", "The name is missing. Every person needs a name")
        for name in TEXT_FIELDS[1:]:
            values[name] = self._cell(cells, name)

    def _contact(self, row: CheckedRow, cells: list[str]) -> None:
        values = row.values
        email = self._cell(cells, "email").lower()
        if email:
            try:
                self.email_validator(email)
            except ValidationError as error:
                self._problem(row, "email", email, error.messages[0])
        values["email"] = email
        for name, limit in self.limits.items():
            if limit and len(values[name]) > limit:
                self._problem(
                    row,
                    name,
                    values[name][:40] + "…",
                    f"This is {len(values[name]):,} characters long. It must be {limit:,} "
                    "characters or fewer",
                )
        for name, cleaner in (("phone", clean_phone), ("postcode", clean_postcode)):
            raw = self._cell(cells, name)
            try:
                values[name] = cleaner(raw)
            except ValidationError as error:
                self._problem(row, name, raw, error.messages[0])
                values[name] = ""
        locality = self._cell(cells, "locality")
        values["locality_id"] = None
        if locality:
            values["locality_id"], message = self.localities.find(locality)
            if message:
                self._problem(row, "locality", locality, message)
            row.locality_name = locality

    def _choices(self, row: CheckedRow, cells: list[str]) -> None:
        for name, default in self.defaults.items():
            raw = self._cell(cells, name)
            if not raw:
                row.values[name] = default
                if not default:
                    self._problem(row, name, "", "The perspective is missing, for example carer")
                continue
            chosen = CHOICE_LOOKUPS[name].get(normalise(raw))
            if chosen is None:
                options = ", ".join(c.label.lower() for c in CHOICE_TYPES[name])
                label = FIELDS_BY_NAME[name].label.lower()
                self._problem(
                    row, name, raw, f"'{raw}' is not a {label} we know. Use one of: {options}"
                )
            row.values[name] = chosen

    def _lists(self, row: CheckedRow, cells: list[str]) -> None:
        for name, choices in self.lists.items():
            ids: list[int] = []
            for text in _list_items(self._cell(cells, name), choices):
                pk, message = choices.find(text)
                if pk is None:
                    self._problem(row, name, text, message)
                elif pk not in ids:
                    ids.append(pk)
            row.lists[name] = ids


def _list_items(cell: str, choices: _Choices) -> Iterator[str]:
    """Names separated by semicolons, new lines or commas. A part that is a name on the list
    as it stands is kept whole, so a name with a comma in it still matches."""
    for part in re.split(r"[;\n]", cell):
        part = part.strip()
        if not part:
            continue
        if _list_key(part) in choices.active or "," not in part:
            yield part
            continue
        yield from (p.strip() for p in part.split(",") if p.strip())


# ---------------------------------------------------------------------------------------------
# Likely duplicates
# ---------------------------------------------------------------------------------------------

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir"}


def _name_key(name: str) -> tuple[str, str]:
    """A name ready to compare, and the first letter of the surname to compare it within.
    "Smith, John" and "Mr John Smith" both become ("s", "john smith")."""
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    words = [w for w in normalise(name).split() if w not in TITLES]
    if not words:
        return "", ""
    return words[-1][0], " ".join(sorted(words))


REASON_TEXT = {"email": "same email", "phone": "same phone number", "name": "similar name"}

# What the coordinator may do with each likely duplicate row.
ADD = "add"
LEAVE_OUT = "leave_out"


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str  # the name on the row
    reason: str  # the strongest reason: "email", "phone" or "name"
    expert_id: int | None = None
    expert_name: str = ""
    other_row: int | None = None
    # Every reason this row and this match share, strongest first.
    reasons: tuple[str, ...] = ()

    @property
    def all_reasons(self) -> tuple[str, ...]:
        return self.reasons or (self.reason,)

    @property
    def reason_text(self) -> str:
        """ "Same email", or "Same phone number and similar name"."""
        texts = [REASON_TEXT[r] for r in self.all_reasons]
        text = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
        return text[:1].upper() + text[1:]

    @property
    def strong(self) -> bool:
        """An email is one person's; a phone number can be a household's, and names repeat.
        Only a shared email, or a shared phone number with a similar name, is a strong match."""
        reasons = set(self.all_reasons)
        return "email" in reasons or {"phone", "name"} <= reasons


@dataclass(frozen=True)
class LikelyDuplicate:
    """One row of the file that looks like someone we already have, with every match."""

    row: int
    name: str
    email: str
    phone: str
    matches: tuple[Duplicate, ...]

    @property
    def strong(self) -> bool:
        return any(match.strong for match in self.matches)

    @property
    def default_choice(self) -> str:
        """Strong matches are left out unless the coordinator says otherwise; a weak one is
        added, so a shared phone number does not drop a real person without anyone deciding."""
        return LEAVE_OUT if self.strong else ADD


class _NameIndex:
    """Names grouped by the first letter of the surname, so that each name is compared with a
    twenty-sixth of the others: 5,000 rows against 20,000 experts takes well under a second."""

    def __init__(self) -> None:
        self.blocks: dict[str, tuple[list[str], list[Any]]] = defaultdict(lambda: ([], []))

    def add(self, name: str, ref: Any) -> None:
        letter, key = _name_key(name)
        if key:
            names, refs = self.blocks[letter]
            names.append(key)
            refs.append(ref)

    def matches(self, name: str, limit: int = 3) -> list[Any]:
        letter, key = _name_key(name)
        if not key or letter not in self.blocks:
            return []
        names, refs = self.blocks[letter]
        found = process.extract(
            key,
            names,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NAME_MATCH_CUTOFF,
            limit=limit,
        )
        return [refs[index] for _, _, index in found]


def _max_length(name: str) -> int | None:
    field = Expert._meta.get_field(name)
    return field.max_length if isinstance(field, models.Field) else None


def find_duplicates(rows: list[CheckedRow]) -> list[Duplicate]:
    """Rows that may be someone already on the register (same email, same phone, or a close
    name), and rows that repeat an earlier row of the same file. One query."""
    by_email: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_phone: dict[str, list[tuple[int, str]]] = defaultdict(list)
    register = _NameIndex()
    for pk, name, known_email, known_phone in Expert.objects.values_list(
        "pk", "full_name", "email", "phone"
    ).order_by():
        if known_email:
            by_email[known_email.lower()].append((pk, name))
        if known_phone:
            by_phone[known_phone].append((pk, name))
        register.add(name, (pk, name))

    found: list[Duplicate] = []
    file_email: dict[str, int] = {}
    file_phone: dict[str, int] = {}
    file_names = _NameIndex()
    for row in rows:
        email, phone, name = row.values.get("email"), row.values.get("phone"), row.name
        matched: dict[int, tuple[str, list[str]]] = {}
        for reason, experts in (
            ("email", by_email.get(email, []) if email else []),
            ("phone", by_phone.get(phone, []) if phone else []),
            ("name", register.matches(name) if name else []),
        ):
            for pk, expert_name in experts:
                matched.setdefault(pk, (expert_name, []))[1].append(reason)
        for pk, (expert_name, reasons) in matched.items():
            found.append(
                Duplicate(row.number, name, reasons[0], pk, expert_name, None, (*reasons,))
            )
        earlier = (
            ("email", file_email.get(email) if email else None),
            ("phone", file_phone.get(phone) if phone else None),
            ("name", next(iter(file_names.matches(name, limit=1)), None) if name else None),
        )
        others = [(reason, other) for reason, other in earlier if other is not None]
        if others:
            # The first earlier row found, with every reason it shares with this one.
            other = others[0][1]
            shared = tuple(reason for reason, o in others if o == other)
            found.append(Duplicate(row.number, name, shared[0], other_row=other, reasons=shared))
        if email:
            file_email.setdefault(email, row.number)
        if phone:
            file_phone.setdefault(phone, row.number)
        if name:
            file_names.add(name, row.number)
    return found


@dataclass
class Preview:
    rows: list[CheckedRow]
    duplicates: list[Duplicate]

    @cached_property
    def problems(self) -> list[RowProblem]:
        return [p for row in self.rows for p in row.problems]

    @cached_property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if row.problems)

    @cached_property
    def duplicate_rows(self) -> set[int]:
        return {d.row for d in self.duplicates}

    @cached_property
    def likely_duplicates(self) -> list[LikelyDuplicate]:
        """Each row that looks like someone we already have, once, with all it matches."""
        matches: dict[int, list[Duplicate]] = defaultdict(list)
        for duplicate in self.duplicates:
            matches[duplicate.row].append(duplicate)
        return [
            LikelyDuplicate(
                row=row.number,
                name=row.name,
                email=row.values.get("email", ""),
                phone=display_phone(row.values.get("phone", "")),
                matches=tuple(matches[row.number]),
            )
            for row in self.rows
            if row.number in matches
        ]

    def left_out(self, choices: dict[str, str]) -> set[int]:
        """The rows to leave out: each likely duplicate as the coordinator chose (`choices`
        maps a row number, as text, to ADD or LEAVE_OUT), or by its default if they did not."""
        return {
            d.row
            for d in self.likely_duplicates
            if choices.get(str(d.row), d.default_choice) == LEAVE_OUT
        }

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.rows_with_problems

    def sample(self, count: int = 10) -> list[dict[str, str]]:
        """The first rows as they will appear on the register, to catch a wrongly chosen column."""
        return [
            {
                "row": str(r.number),
                "name": r.name,
                "email": r.values.get("email", ""),
                "phone": display_phone(r.values.get("phone", "")),
                "locality": r.locality_name,
                "perspective": Perspective(r.values["perspective"]).label
                if r.values.get("perspective")
                else "",
            }
            for r in self.rows[:count]
        ]
