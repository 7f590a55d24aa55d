"""An administrator changing a colleague's sign-in email confirms it is them first, and the
change they asked for is then made without typing it again."""

import pytest
from playwright.sync_api import expect

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD
from tests.browser.checks import check_page, visit
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_changing_a_colleagues_email_asks_for_the_password_then_saves(
    administrator_page, transactional_db
):
    page = administrator_page
    cora = UserFactory(role=Role.COORDINATOR, full_name="Cora Jones", email="cora@example.org")

    visit(page, f"/admin-accounts/staff/{cora.pk}/")
    page.get_by_label("Work email address").fill("cora.jones@example.org")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    expect(page.get_by_text("you or someone else signs in")).to_be_visible()
    check_page(page, small_screen=True)
    page.screenshot(path="/tmp/e_reauth_1280.png", full_page=True)
    assert User.objects.get(pk=cora.pk).email == "cora@example.org"

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Staff accounts")
    expect(page.get_by_role("table", name="Staff accounts")).to_contain_text(
        "cora.jones@example.org"
    )
    assert User.objects.get(pk=cora.pk).email == "cora.jones@example.org"
