"""Getting round by keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import check_page, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/get-involved/"])
def test_first_tab_reaches_skip_link_and_enter_moves_focus_to_main_content(page, path):
    visit(page, path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    check_page(page)
    page.keyboard.press("Enter")
    expect(page.locator("main#maincontent")).to_be_focused()
    # The next Tab goes on into the page's content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_coordinator_can_reach_the_register_by_keyboard(coordinator_page):
    page = coordinator_page
    visit(page, "/overview/")
    visited = []
    for _ in range(15):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.textContent.trim()"))
        if visited[-1] == "Register":
            break
    assert visited[-1] == "Register", f"Tab went through {visited} without reaching Register"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register of experts")
    check_page(page)
