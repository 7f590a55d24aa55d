"""The Experts Report in a real browser: the involvement lead starts last year's report,
writes the foreword and highlights (a highlight too long is explained beside the field),
chooses a case study from the year's outcomes and gives it a shorter title, and publishes; an expert finds it on their home
page and reads it on a 320px-wide phone. Every page visited passes axe."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.core.periods import financial_year_of
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import expert_with_account
from tests.impact.report.helpers import moment, outcome

pytestmark = pytest.mark.browser

TITLE = "Discharge letters from the stroke ward"


def test_the_lead_writes_and_publishes_the_report_and_an_expert_reads_it(page):
    year = financial_year_of(timezone.localdate()) - 1
    years = f"{year} to {year + 1}"
    outcome(TITLE, recorded=moment(year, 10, 1), summary="The letter is now easy to read.")
    outcome("A confidential review", recorded=moment(year, 10, 2), confidential=True)
    expert = expert_with_account(full_name="Priya Shah", preferred_name="Priya")

    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    visit(page, reverse("report:reports"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Experts Report")
    check_page(page)
    page.get_by_role("button", name="Start the report for a year").click()
    check_page(page)
    page.get_by_label(f"1 April {year} to 31 March {year + 1}").check()
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Experts Report {years}")
    check_page(page, small_screen=True)

    page.get_by_role("link", name="Write the foreword and highlights").click()
    page.get_by_label("Foreword").fill("Thank you to every expert who worked with us.")
    page.get_by_label("Highlights").fill("Experts sat on every interview panel\n" + "x" * 201)
    page.get_by_role("button", name="Save the foreword and highlights").click()
    assert_error_summary(page, {"id_highlights": "Keep each highlight to 200 characters"})
    check_page(page)
    page.get_by_label("Highlights").fill("Experts sat on every interview panel")
    page.get_by_role("button", name="Save the foreword and highlights").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("saved")

    page.get_by_role("link", name="Choose a case study from the year’s outcomes").click()
    expect(page.get_by_text("A confidential review")).to_have_count(0)
    check_page(page, small_screen=True)
    page.get_by_role("button", name=f"Choose ‘{TITLE}’").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    check_page(page)
    page.get_by_role("link", name=f"Change the title or summary of ‘{TITLE}’").click()
    check_page(page, small_screen=True)
    page.get_by_label("Title in the report (optional)").fill("A letter people can read")
    page.get_by_role("button", name="Save the case study").click()
    expect(page.get_by_role("heading", name="A letter people can read")).to_be_visible()

    page.get_by_role("link", name="Publish the report").click()
    check_page(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is published")

    sign_in(page, expert.user)
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name=f"Read the Experts Report {years}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Experts Report {years}")
    expect(page.get_by_text("Experts sat on every interview panel")).to_be_visible()
    expect(page.get_by_role("heading", name="A letter people can read")).to_be_visible()
    expect(page.get_by_text("A confidential review")).to_have_count(0)
    check_page(page, small_screen=True)
