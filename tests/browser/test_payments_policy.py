"""The involvement lead sets new payment rates from a date (making mistakes first, which the page
keeps), then looks at the team budgets and sets one. Every page passes axe, at 320px too."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.core.periods import financial_year_of
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.models import Budget, Claim, Policy
from tests.browser.checks import (
    assert_error_summary,
    check_page,
    follow_error_link,
    visit,
)
from tests.browser.steps import sign_in_as
from tests.factories import InvitationFactory, TeamFactory
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.browser


@pytest.fixture
def lead_page(page, transactional_db):
    sign_in_as(page, Role.INVOLVEMENT_LEAD, full_name="Lee Lead")
    return page


def test_lead_sets_new_rates_from_a_date_by_keyboard_and_clicks(lead_page):
    page = lead_page
    make_policy(hourly=Decimal("15.00"))
    starts = timezone.localdate() + timedelta(days=30)

    visit(page, "/payments/policy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Payment policy")
    expect(page.get_by_text("£15.00 per hour")).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Set new rates from a date").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set new rates from a date")
    check_page(page, small_screen=True)

    # The form starts from the rates in force.
    expect(page.locator("#id_rate_workshop_amount")).to_have_value("15.00")
    page.locator("#id_effective_from-day").fill(str(starts.day))
    page.locator("#id_effective_from-month").fill(str(starts.month))
    page.locator("#id_effective_from-year").fill(str(starts.year))
    page.locator("#id_rate_workshop_amount").fill("18.505")  # a mistake: too many pence
    page.locator("#id_rate_interview_panel_amount").fill("60")
    page.locator("#id_rate_interview_panel_unit").select_option(label="Per half day")
    page.get_by_label("Mileage rate, in pounds for each mile").fill("-0.45")  # and another
    page.get_by_role("button", name="Save the new rates").click()

    assert_error_summary(
        page,
        {
            "id_rate_workshop_amount": "no more than 2 numbers after the point",
            "id_mileage_rate": "The mileage rate cannot be negative",
        },
    )
    # What was typed is kept, right or wrong.
    expect(page.locator("#id_rate_workshop_amount")).to_have_value("18.505")
    expect(page.locator("#id_rate_interview_panel_amount")).to_have_value("60")
    expect(page.locator("#id_rate_interview_panel_unit")).to_have_value("half_day")
    expect(page.locator("#id_effective_from-day")).to_have_value(str(starts.day))
    check_page(page, small_screen=True)
    assert Policy.objects.count() == 1

    # Put them right by keyboard, from the error summary.
    follow_error_link(page, "id_rate_workshop_amount")
    page.keyboard.press("Control+a")
    page.keyboard.type("18.50")
    follow_error_link(page, "id_mileage_rate")
    page.keyboard.press("Control+a")
    page.keyboard.type("0.50")
    # Food and drink can no longer be claimed; carer costs need no receipt.
    page.locator("label[for='id_expense_subsistence_claimable']").click()
    expect(page.locator("#id_expense_subsistence_claimable")).not_to_be_checked()
    care = page.locator("fieldset", has=page.locator("#id_expense_care_receipt"))
    care.get_by_label("Never").check()
    page.get_by_role("button", name="Save the new rates").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Payment policy")
    expect(page.get_by_text("The new rates start on")).to_be_visible()
    # The rates in force today stay; the new ones are coming up.
    page.get_by_text(f"From {starts:%A} {starts.day} {starts:%B %Y} onwards").click()
    upcoming = page.locator("details[open]")
    expect(upcoming.get_by_text("£18.50 per hour")).to_be_visible()
    expect(upcoming.get_by_text("£60.00 per half day")).to_be_visible()
    expect(upcoming.get_by_text("£0.50 a mile")).to_be_visible()
    check_page(page, small_screen=True)

    new = Policy.objects.get(effective_from=starts)
    assert new.mileage_rate == Decimal("0.50")
    rules = {rule.category: rule for rule in new.expense_rules.all()}
    assert "subsistence" not in rules and rules["care"].receipt_over is None


def test_lead_reads_the_budgets_and_sets_one(lead_page):
    page = lead_page
    make_policy()
    year = financial_year_of(timezone.localdate())
    team = TeamFactory(name="Adult Social Care")
    other = TeamFactory(name="Carers Services")
    Budget.objects.create(team=team, year=year, amount=Decimal("5000.00"))
    invitation = InvitationFactory(status="accepted", session__opportunity__team=team)
    Claim.objects.create(
        expert=invitation.expert,
        invitation=invitation,
        kind=ClaimKind.EXPENSES,
        status=ClaimStatus.APPROVED,
        session_date=date(year, 5, 12),
        team=team,
        total=Decimal("123.45"),
        submitted_at=timezone.now(),
    )

    visit(page, "/payments/budgets/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Involvement budgets")
    expect(page.locator("svg.app-chart")).to_have_count(2)
    teams_table = page.get_by_role("table", name="Budget and spending by team")
    expect(teams_table.get_by_role("row", name="Adult Social Care")).to_contain_text("£123.45")
    check_page(page, small_screen=True)

    # One team at a time, then back to all of them.
    page.get_by_label("Team", exact=True).select_option(label=str(other))
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Carers Services")
    check_page(page)

    page.get_by_role("link", name=f"Set the budget for {other}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budget for")
    check_page(page, small_screen=True)
    page.get_by_label("Budget for the year, in pounds").fill("-20")
    page.get_by_role("button", name="Save the budget").click()
    assert_error_summary(page, {"id_amount": "The budget cannot be negative"})
    expect(page.get_by_label("Budget for the year, in pounds")).to_have_value("-20")
    check_page(page)
    page.get_by_label("Budget for the year, in pounds").fill("2,500")
    page.get_by_label("Cost centre (optional)").fill("CC-42")
    page.get_by_role("button", name="Save the budget").click()

    expect(page.get_by_text("The budget for Carers Services for")).to_be_visible()
    expect(
        page.get_by_role("table", name="Budget and spending by team").get_by_role(
            "row", name="Carers Services"
        )
    ).to_contain_text("£2,500.00")
    check_page(page, small_screen=True)
    assert Budget.objects.get(team=other, year=year).cost_centre == "CC-42"
