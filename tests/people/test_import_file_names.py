"""An uploaded spreadsheet's own name is kept to show the coordinator, shortened on purpose
when too long for the record, keeping its extension: the file is read again by it."""

import pytest

from coproduce.people import imports
from tests.people.importing import HEADINGS, csv_bytes, person

pytestmark = pytest.mark.django_db


def test_a_long_file_name_is_shortened_keeping_its_extension_and_the_file_reads_again(
    coordinator,
):
    content = csv_bytes([HEADINGS, person(1)])
    filename = "register-" + "x" * 300 + ".csv"
    sheet = imports.read_spreadsheet(content=content, filename=filename)

    batch = imports.start_import(actor=coordinator, filename=filename, content=content, sheet=sheet)

    batch.refresh_from_db()
    assert len(batch.original_name) == 255
    assert batch.original_name.startswith("register-xxx")
    assert batch.original_name.endswith("x….csv")
    assert len(imports.preview_import(batch=batch).rows) == 1
