"""The register as a spreadsheet. Cells that a spreadsheet would run as a formula are made
plain text, so an exported name like "=HYPERLINK(...)" cannot run on a coordinator's machine."""

from collections.abc import Iterable

import tablib

from coproduce.people.models import Expert
from coproduce.people.validation import display_phone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def register_dataset(experts: Iterable[Expert]) -> tablib.Dataset:
    data = tablib.Dataset(headers=COLUMNS, title="Register")
    for e in experts:
        row = [
            e.full_name,
            e.preferred_name,
            e.pronouns,
            e.email,
            display_phone(e.phone),
            e.postcode,
            e.locality.name if e.locality else "",
            e.get_preferred_channel_display(),
            e.get_perspective_display(),
            "; ".join(a.name for a in e.lived_experience.all()),
            "; ".join(s.name for s in e.skills.all()),
            "; ".join(n.name for n in e.access_needs.all()),
            e.get_payment_preference_display(),
            e.get_status_display(),
            e.created_at.date().isoformat(),
        ]
        data.append([neutralise(v) for v in row])
    return data
