"""The ambitions journey in a real browser: the involvement lead adds an ambition with a
yearly target (first missing its title, which the form asks for), finds a piece of work by its
team and links it, and sees this year's progress against it; a member of staff reads the
ambitions without the lead's buttons. Every page visited passes axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.factories import TeamFactory
from tests.impact.ambitions.helpers import ambition
from tests.impact.outcomes.helpers import held_work

pytestmark = pytest.mark.browser

PROGRESS = re.compile("^Progress against our ambitions")
TITLE = "Experts are involved before decisions are made"
WORK = "Redesigning the stroke discharge letter"


def test_the_lead_adds_an_ambition_links_work_and_sees_its_progress(page):
    team = TeamFactory(name="Stroke services")
    # Two experts attended a session that ended just now: 4 hours, at co-design.
    held_work(experts=2, ended_days_ago=0, team=team, title=WORK, rung=6)
    ambition("Involvement reaches people who are seldom heard")

    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    visit(page, reverse("ambitions:list"))
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Add an ambition").click()
    page.get_by_label("What it means, in plain words").fill(
        "People who use services help decide while there is still a choice to make."
    )
    page.get_by_label("How progress will be judged").fill("Sessions at the planning stage.")
    page.get_by_label("Hours of involvement").check()
    page.get_by_label("Target for a year (optional)").fill("10")
    page.get_by_role("button", name="Save the ambition").click()
    assert_error_summary(page, {"id_title": "Enter a short title for the ambition"})
    check_page(page, small_screen=True)

    page.get_by_label("Short title").fill(TITLE)
    page.get_by_role("button", name="Save the ambition").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is added")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_text("No work is linked to this ambition yet.")).to_be_visible()

    page.get_by_role("button", name="Link work to this ambition").click()
    page.get_by_label("Find work by its title or team").fill("stroke")
    page.get_by_role("button", name="Find work").click()
    check_page(page, small_screen=True)
    page.get_by_role("button", name=f"Link {WORK} to this ambition").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is linked")
    expect(page.get_by_role("table")).to_contain_text(WORK)
    expect(page.locator(".nhsuk-summary-list").nth(1)).to_contain_text("4 of 10 (40%)")
    check_page(page, small_screen=True)

    page.get_by_role("link", name="Back to our ambitions").click()
    table = page.get_by_role("table", name=PROGRESS)
    expect(table).to_contain_text(TITLE)
    expect(table).to_contain_text("4 of 10 (40%)")
    expect(page.locator(".app-chart-block svg[role=img]")).to_have_count(1)
    check_page(page, small_screen=True)

    sign_in_as(page, Role.STAFF)
    visit(page, reverse("ambitions:list"))
    expect(page.get_by_role("button", name="Add an ambition")).to_have_count(0)
    expect(page.get_by_role("table", name=PROGRESS)).to_contain_text("4 of 10 (40%)")
    check_page(page)
