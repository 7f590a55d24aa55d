"""The register fields a spreadsheet column can fill, the headings and words that name them,
and the rules for a choice of columns."""

from dataclasses import dataclass

from django.db import models

from coproduce.people.choices import PaymentPreference, Perspective, Status
from coproduce.people.import_files import column_letter, normalise


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str
    headings: tuple[str, ...]  # column headings that mean this field, in normalised form


FIELDS = [
    ImportField(
        "full_name",
        "Full name",
        ("full name", "name", "fullname", "expert name", "expert", "person", "participant",
         "contact name", "name of expert", "your name"),
    ),
    ImportField("first_name", "First name (joined to the last name)",
                ("first name", "forename", "forenames", "given name", "firstname")),
    ImportField("last_name", "Last name (joined to the first name)",
                ("last name", "surname", "family name", "lastname")),
    ImportField("preferred_name", "Preferred name",
                ("preferred name", "known as", "likes to be called", "nickname")),
    ImportField("pronouns", "Pronouns", ("pronouns",)),
    ImportField("email", "Email", ("email", "e mail", "email address", "e mail address",
                                   "emailaddress")),
    ImportField("phone", "Phone", ("phone", "phone number", "telephone", "telephone number",
                                   "tel", "mobile", "mobile number", "mobile phone",
                                   "contact number", "landline")),
    ImportField("postcode", "Postcode", ("postcode", "post code", "postal code")),
    ImportField("address", "Address", ("address", "home address", "postal address",
                                       "street address")),
    ImportField("locality", "Locality", ("locality", "area", "district", "borough",
                                         "neighbourhood", "location", "place")),
    ImportField("perspective", "Perspective", ("perspective", "service user or carer",
                                               "user or carer", "type", "category")),
    ImportField("status", "Status", ("status", "register status")),
    ImportField("lived_experience", "Lived experience",
                ("lived experience", "lived experience area", "lived experience areas",
                 "areas of experience", "experience", "experience of")),
    ImportField("skills", "Skills", ("skills", "skill", "skills and interests")),
    ImportField("access_needs", "Access needs",
                ("access needs", "needs", "access and communication needs", "support needs",
                 "communication needs", "reasonable adjustments", "adjustments")),
    ImportField("payment_preference", "Payment preference",
                ("payment preference", "payment", "payment type", "paid", "pay")),
    ImportField("biography", "Biography", ("biography", "bio", "about", "about me")),
    ImportField("internal_notes", "Internal notes", ("internal notes", "notes", "note",
                                                     "comments", "staff notes")),
]  # fmt: skip
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
NAME_PARTS = ("first_name", "last_name")
TEMPLATE_HEADINGS = [f.label for f in FIELDS if f.name not in NAME_PARTS]

# Words people use in spreadsheets for each choice, besides its value and label.
CHOICE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "perspective": {
        Perspective.SERVICE_USER: ("service user", "user", "patient", "su", "expert by experience"),
        Perspective.CARER: ("carer", "carers", "family carer", "unpaid carer", "parent carer",
                            "family member", "parent"),
        Perspective.BOTH: ("both", "service user and carer", "carer and service user",
                           "user and carer", "su and carer"),
        Perspective.GROUP_REPRESENTATIVE: ("group rep", "group representative", "representative",
                                           "user led group", "rep"),
    },
    "status": {
        Status.ENQUIRY: ("enquiry", "new", "enquired", "interested"),
        Status.ONBOARDING: ("onboarding", "induction", "joining"),
        Status.ACTIVE: ("active", "current", "yes", "involved"),
        Status.PAUSED: ("paused", "on hold", "inactive", "on a break"),
        Status.LEFT: ("left", "former", "withdrawn", "no longer involved"),
    },
    "payment_preference": {
        PaymentPreference.PAID: ("paid", "payment", "yes"),
        PaymentPreference.EXPENSES_ONLY: ("expenses", "expenses only"),
        PaymentPreference.VOLUNTEER: ("volunteer", "unpaid", "no payment", "none", "no"),
    },
}  # fmt: skip
CHOICE_TYPES: dict[str, type[models.TextChoices]] = {
    "perspective": Perspective,
    "status": Status,
    "payment_preference": PaymentPreference,
}


def _choice_lookup(name: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in CHOICE_TYPES[name]:
        for word in (choice.value, choice.label, *CHOICE_WORDS[name].get(choice, ())):
            lookup.setdefault(normalise(word), choice.value)
    return lookup


CHOICE_LOOKUPS = {name: _choice_lookup(name) for name in CHOICE_TYPES}


def suggest_mapping(headers: list[str]) -> list[str]:
    """For each column, the field its heading names, or "" when we cannot tell. A field is
    suggested once only, for the first column that names it."""
    by_heading = {h: f.name for f in FIELDS for h in f.headings}
    taken: set[str] = set()
    mapping = []
    for heading in headers:
        name = by_heading.get(normalise(heading), "")
        if name in taken:
            name = ""
        taken.add(name)
        mapping.append(name)
    if "full_name" in mapping:
        # "Name" beside "First name" and "Surname" would be ambiguous: the full name wins.
        mapping = ["" if n in NAME_PARTS else n for n in mapping]
    return mapping


def mapping_problems(*, headers: list[str], mapping: list[str]) -> dict[int, str]:
    """What is wrong with a choice of columns, keyed by the column the message belongs beside."""
    problems: dict[int, str] = {}
    first: dict[str, int] = {}
    for index, name in enumerate(mapping):
        if not name:
            continue
        if name in first:
            other = first[name]
            problems[index] = (
                f"{FIELDS_BY_NAME[name].label} is already chosen for column "
                f"{column_letter(other)} ({headers[other]}). Choose a different field, or "
                "do not import this column"
            )
        else:
            first[name] = index
    if "full_name" in first and set(NAME_PARTS) & first.keys():
        index = min(first[n] for n in NAME_PARTS if n in first)
        problems.setdefault(
            index, "Choose either a full name column, or first and last name columns, not both"
        )
    elif not ({"full_name", *NAME_PARTS} & first.keys()):
        problems.setdefault(
            0, "No column is set to Full name. Choose the column that has each person's name"
        )
    return problems
