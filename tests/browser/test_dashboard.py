"""The evaluation dashboard in a real browser: the lead opens it on this financial year, picks
last financial year from the presets, types a period the wrong way round and is told beside the
field, then narrows it to a team. Every page passes axe at desktop width and at 320px."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.factories import ExpertFactory, TeamFactory
from tests.impact.dashboard.helpers import held, moved, paid_claim

pytestmark = pytest.mark.browser


def _a_year_of_work():
    today = timezone.localdate()
    carers = TeamFactory(name="Carers Team")
    for days_ago, stage, rung in ((40, "analyse", 7), (25, "plan", 6), (10, "do", 4)):
        held(
            today - timedelta(days=days_ago),
            hours=[2, 3, "1.5"],
            team=carers,
            stage=stage,
            rung=rung,
        )
    paid_claim(today - timedelta(days=30), today - timedelta(days=12), team=carers)
    moved(ExpertFactory(), "active", today - timedelta(days=50))
    return carers


def test_the_lead_reads_the_dashboard_for_a_period_and_a_team(page):
    carers = _a_year_of_work()
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    visit(page, reverse("dashboard:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluation dashboard")
    expect(page.get_by_role("navigation", name="Contents")).to_contain_text(
        "How widely involvement is spread"
    )
    expect(page.locator("#chart-sessions-and-hours")).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("link", name="Last financial year").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1 April")
    check_page(page)

    page.get_by_text("Choose other days or a team").click()
    page.locator("#id_start-day").fill("1")
    page.locator("#id_start-month").fill("6")
    page.locator("#id_start-year").fill(str(date.today().year - 1))
    page.locator("#id_end-day").fill("1")
    page.locator("#id_end-month").fill("5")
    page.locator("#id_end-year").fill(str(date.today().year - 1))
    page.get_by_role("button", name="Show the figures").click()
    assert_error_summary(
        page, {"id_end-day": "The last day of the period must be on or after its first day"}
    )
    check_page(page, small_screen=True)

    page.get_by_role("link", name="This financial year").click()
    page.get_by_text("Choose other days or a team").click()
    page.get_by_label("Team").select_option(label="Carers Team")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Carers Team")
    expect(page.locator("#sessions-and-hours ~ p").first).to_contain_text("4 sessions were held")
    check_page(page, small_screen=True)
    assert carers.pk
