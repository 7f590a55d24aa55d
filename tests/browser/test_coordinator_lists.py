"""A coordinator keeps the lists that describe experts' skills, without a developer."""

import pytest
from playwright.sync_api import expect

from coproduce.people.models import Skill
from tests.browser.checks import assert_error_summary, check_page, open_from_all_pages, visit

pytestmark = pytest.mark.browser


def test_coordinator_adds_renames_and_retires_a_skill(coordinator_page, transactional_db):
    page = coordinator_page
    Skill.objects.create(name="Reading papers")

    visit(page, "/overview/")
    open_from_all_pages(page, "Lists")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lists")
    check_page(page)
    page.get_by_role("link", name="Skills").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skills")
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Add").click()
    assert_error_summary(page, {"id_name": "Enter name"})
    check_page(page)

    page.get_by_label("Name", exact=True).fill("Chairing meetings")
    page.get_by_label("Description (optional)").fill("Chairing a panel or a board")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("alert").first).to_contain_text("Added Chairing meetings")
    table = page.get_by_role("table", name="Skills")
    row = table.get_by_role("row").filter(has_text="Chairing meetings")
    expect(row).to_contain_text("Yes")
    check_page(page)

    row.get_by_role("link", name="Change Chairing meetings").click()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Chairing meetings")
    check_page(page, small_screen=True)
    page.get_by_label("Name", exact=True).fill("Chairing")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert").first).to_contain_text("Changes saved")
    expect(table.get_by_role("row").filter(has_text="Chairing meetings")).to_have_count(0)
    check_page(page)

    table.get_by_role("row").filter(has_text="Chairing").get_by_role("link").click()
    page.get_by_label("In use").uncheck()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert").first).to_contain_text("Changes saved")
    expect(table.get_by_role("row").filter(has_text="Chairing")).to_contain_text("No")
    check_page(page)

    skill = Skill.objects.get(name="Chairing")
    assert skill.description == "Chairing a panel or a board"
    assert skill.active is False
