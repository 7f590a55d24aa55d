"""An expert's year in a real browser: from their home page, on a 320px-wide screen, the
expert opens "Your year", chooses a year they took part in, and downloads both PDFs; the
coordinator opens the same year from the expert's profile and prints it. Every page passes
axe, at desktop width and at 320px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import expert_with_account
from tests.impact.your_year.helpers import HIDDEN_TITLE, busy_year
from tests.welcome.pdf_text import text_of

pytestmark = pytest.mark.browser


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as file:
        return file.read()


def test_an_expert_opens_their_year_on_a_phone_and_downloads_both_pdfs(page):
    expert = expert_with_account(full_name="Priya Shah", preferred_name="Priya")
    busy_year(expert)

    sign_in(page, expert.user)
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name="See your year").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your year")
    check_page(page, small_screen=True)

    page.get_by_role("link", name="April 2024 to March 2025").click()
    expect(
        page.get_by_text("You came to 5 sessions and gave 11 hours of your time.")
    ).to_be_visible()
    expect(page.get_by_text("Interview panel member — 3 times")).to_be_visible()
    check_page(page, small_screen=True)

    standard = text_of(_download(page, "Download your year (PDF) for April 2024 to March 2025"))
    assert "You came to 5 sessions and gave 11 hours of your time." in standard
    assert HIDDEN_TITLE not in standard
    easy = text_of(
        _download(page, "Download the Easy Read version (PDF) for April 2024 to March 2025")
    )
    assert "You came to 5 meetings." in easy
    assert HIDDEN_TITLE not in easy


def test_a_coordinator_opens_and_prints_an_experts_year_from_their_profile(page):
    expert = expert_with_account(full_name="Priya Shah")
    busy_year(expert)

    sign_in_as(page, Role.COORDINATOR)
    visit(page, reverse("people:expert_detail", args=[expert.pk]))
    page.get_by_role("link", name="Open Priya Shah’s year").click()
    page.get_by_role("link", name="April 2024 to March 2025").click()
    expect(page.get_by_text("Confidential work (details not shared)").first).to_be_visible()
    expect(page.get_by_text(HIDDEN_TITLE)).to_have_count(0)
    check_page(page, small_screen=True)
    printed = text_of(_download(page, "Download their year (PDF) for April 2024 to March 2025"))
    assert "Priya Shah" in printed
