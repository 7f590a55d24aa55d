"""An administrator sets up teams and the staff who belong to them."""

import pytest
from playwright.sync_api import expect

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit

pytestmark = pytest.mark.browser


def test_administrator_adds_a_team_then_a_staff_account_in_it(administrator_page, transactional_db):
    page = administrator_page

    visit(page, "/admin-accounts/staff/")
    page.get_by_role("navigation").get_by_role("link", name="Teams").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teams")
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Add team").click()
    assert_error_summary(page, {"id_name": "Enter team name", "id_organisation_name": "Enter"})
    check_page(page)
    page.get_by_label("Team name").fill("Mental Health Services")
    page.get_by_label("Organisation").fill("Shropshire Community Health NHS Trust")
    page.get_by_role("button", name="Add team").click()
    expect(page.get_by_role("alert").first).to_contain_text("Added")
    expect(page.get_by_role("table", name="Teams")).to_contain_text("Mental Health Services")
    check_page(page)

    page.get_by_role("navigation").get_by_role("link", name="Staff accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff accounts")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Add a staff account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a staff account")
    check_page(page, small_screen=True)

    page.get_by_label("Full name").fill("Mo Staff")
    page.get_by_label("Work email address").fill("mo.staff@example.org")
    page.get_by_role("group", name="Role").get_by_label("Staff member").check()
    page.get_by_role("button", name="Add account").click()
    # A staff member must belong to a team: the error says so beside the team.
    assert_error_summary(page, {"id_team": "team"})
    expect(page.get_by_label("Full name")).to_have_value("Mo Staff")
    check_page(page, small_screen=True)

    page.get_by_label("Team").select_option(label=str(Team.objects.get()))
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_role("alert").first).to_contain_text("Added Mo Staff")
    expect(page.get_by_role("table", name="Staff accounts")).to_contain_text("mo.staff@example.org")
    check_page(page)

    mo = User.objects.get(email="mo.staff@example.org")
    assert mo.role == Role.STAFF
    assert mo.team.name == "Mental Health Services"
