"""Everything held about one expert, gathered from every app, for a subject access request.

Each app that holds personal data about experts has a `personal_data.py` beside its models with
`collect(expert) -> Section`: its part of the record as plain data (dates, Decimals, text),
and the files it keeps (a photo, receipts). This module finds them, in INSTALLED_APPS order,
and writes one ZIP: `data.json`, `your-data.pdf` (the same sections, for people to read) and
the files."""

import importlib
import importlib.util
import io
import json
import zipfile
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.utils import timezone


@dataclass
class Section:
    name: str
    data: dict | list
    # (name in the ZIP, an open-able Django file) for each file held.
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


def collectors() -> list[ModuleType]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if config.name.startswith("coproduce.") and importlib.util.find_spec(name):
            found.append(importlib.import_module(name))
    return found


def gather(expert) -> list[Section]:
    return [module.collect(expert) for module in collectors()]


def as_zip(expert) -> bytes:
    """The ZIP of everything held about the expert: data.json, the same as a PDF to read, and
    the files under files/."""
    # Imported here: every app's personal_data.py imports this module, and only the download
    # needs WeasyPrint.
    from coproduce.core.subject_access_pdf import as_pdf

    sections = gather(expert)
    made_at = timezone.now()
    document = {
        "about": {
            "what": "Everything Coproduce holds about this person",
            "expert_id": expert.pk,
            "made_at": made_at,
        },
        **{section.name: section.data for section in sections},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        archive.writestr("your-data.pdf", as_pdf(expert, sections, made_at=made_at))
        for section in sections:
            for name, stored in section.files:
                try:
                    with stored.open("rb") as handle:
                        archive.writestr(f"files/{name}", handle.read())
                except FileNotFoundError:
                    archive.writestr(f"files/{name}.missing.txt", "This file could not be found.")
    return out.getvalue()
