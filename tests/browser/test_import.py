"""Importing a spreadsheet in a real browser: upload, columns, the check with a choice for each
likely duplicate, and the import, with axe on every page and the check on a phone-sized screen."""

import os

import pytest
from playwright.sync_api import expect

from coproduce.people.models import Expert, ImportBatch
from tests.browser.checks import check_page, visit
from tests.factories import ExpertFactory
from tests.people.importing import HEADINGS, csv_bytes, person

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("COPRODUCE_SCREENSHOTS", "")


def test_coordinator_chooses_for_each_likely_duplicate_whether_to_add_it(coordinator_page):
    page = coordinator_page
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911200001")
    content = csv_bytes(
        [
            HEADINGS,
            person(1, **{"Full name": "Ann Lee", "Email": "ann@example.net"}),  # row 2
            person(2, **{"Full name": "Bo Shah", "Phone": "07911 200001"}),  # row 3
            person(3, **{"Full name": "Cy Moss"}),  # row 4
        ]
    )

    visit(page, "/import/")
    page.get_by_label("Upload a spreadsheet").set_input_files(
        {"name": "experts.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose which column is which")
    page.get_by_role("button", name="Check the spreadsheet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
    ann = page.get_by_role("group", name="Row 2: Ann Lee")
    bo = page.get_by_role("group", name="Row 3: Bo Shah")
    expect(page.get_by_role("group", name="Row 4: Cy Moss")).to_have_count(0)
    # Who each row looks like, and why, is read out with its question.
    expect(ann).to_have_accessible_description(
        "In your file: ann@example.net, 07911 100001 "
        "Looks like Ann Lee (opens in a new tab) on the register: same email and similar name"
    )
    expect(bo).to_contain_text("on the register: same phone number")
    # A strong match is set to be left out; one that only shares a phone number, to be added.
    expect(ann.get_by_label("Leave out")).to_be_checked()
    expect(bo.get_by_label("Add as a new expert")).to_be_checked()
    check_page(page, small_screen=True)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/import-preview-1280.png", full_page=True)
        page.set_viewport_size({"width": 320, "height": 640})
        page.screenshot(path=f"{SCREENSHOTS}/import-preview-320.png", full_page=True)

    # On a phone, the coordinator changes their mind about both rows.
    page.set_viewport_size({"width": 320, "height": 640})
    ann.get_by_label("Add as a new expert").check()
    bo.get_by_label("Leave out").check()
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete")
    expect(page.get_by_text("2 people were added to the register")).to_be_visible()
    expect(page.get_by_text("1 likely duplicate was left out.")).to_be_visible()
    check_page(page)
    batch = ImportBatch.objects.get()
    added = Expert.objects.filter(source=batch.source).values_list("full_name", flat=True)
    assert sorted(added) == ["Ann Lee", "Cy Moss"]
