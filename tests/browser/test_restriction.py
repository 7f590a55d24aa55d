"""A person asks the team to stop using their information: a coordinator restricts it from
their record, sees the banner and the restricted records list, and the involvement lead lifts
it. Every page is checked with axe, at desktop width and at 320px."""

import pytest
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.factories import ExpertFactory

pytestmark = pytest.mark.browser

REASON = "Asked by phone while she checks her health details are right"


def _register_names(page) -> list[str]:
    return [
        " ".join(t.split())
        for t in page.locator("table tbody tr td:first-child a").all_inner_texts()
    ]


def test_a_coordinator_restricts_a_person_and_the_lead_lifts_it(coordinator_page):
    page = coordinator_page
    rosa = ExpertFactory(full_name="Rosa Restricted")
    ExpertFactory(full_name="Kim Kept")
    # The first page a server shows compiles its templates: slow on a busy machine.
    page.set_default_navigation_timeout(30_000)

    visit(page, f"/experts/{rosa.pk}/")
    page.get_by_role("link", name="Restrict processing").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Restrict processing of their information"
    )
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Restrict processing").click()
    assert_error_summary(page, {"id_reason": "Enter why processing is restricted"})
    check_page(page, small_screen=True)

    page.get_by_label("Why is processing restricted?").fill(REASON)
    page.get_by_role("button", name="Restrict processing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Restricted")
    banner = page.locator(".nhsuk-card--warning")
    expect(banner).to_contain_text("Processing is restricted since")
    expect(banner).to_contain_text(REASON)
    expect(banner).to_contain_text("Only the involvement lead can lift the restriction")
    check_page(page, small_screen=True)

    # Gone from the register; found on the list of restricted records.
    visit(page, "/register/")
    assert _register_names(page) == ["Kim Kept"]
    page.get_by_role("link", name="restricted records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restricted records")
    expect(page.locator("table")).to_contain_text(REASON)
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Rosa Restricted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Restricted")

    sign_in_as(page, Role.INVOLVEMENT_LEAD, full_name="Lee Lead")
    visit(page, f"/experts/{rosa.pk}/")
    page.get_by_role("link", name="Lift the restriction").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lift the restriction")
    expect(page.locator(".nhsuk-summary-list")).to_contain_text(REASON)
    check_page(page, small_screen=True)
    page.get_by_label("Why can we use their information again? (optional)").fill(
        "Her details are checked and correct"
    )
    page.get_by_role("button", name="Lift the restriction").click()
    expect(page.get_by_role("alert").first).to_contain_text("The restriction is lifted")
    expect(page.locator(".nhsuk-card--warning")).to_have_count(0)
    check_page(page)

    visit(page, "/register/")
    assert _register_names(page) == ["Kim Kept", "Rosa Restricted"]
