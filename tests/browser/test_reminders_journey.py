"""The reminders journey in a real browser: the involvement lead changes the organisation's
reminders (first with days that make no sense, which the form explains beside the field); an
expert turns one of their reminders off from their home page. Every page visited passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.comms.reminders import queries
from coproduce.comms.reminders.models import Kind
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import expert_with_account

pytestmark = pytest.mark.browser

SESSION_DAYS = "How many days before a session"


def test_the_lead_changes_the_reminders(page):
    sign_in_as(page, Role.INVOLVEMENT_LEAD, full_name="Lee Lead")
    visit(page, reverse("reminders:settings"))
    check_page(page, small_screen=True)
    expect(page.get_by_label(SESSION_DAYS)).to_have_value("7, 1")
    expect(page.get_by_label("Remind experts of sessions coming up")).to_be_checked()

    page.get_by_label(SESSION_DAYS).fill("7, 3, 2, 1")
    page.get_by_role("button", name="Save reminders").click()
    assert_error_summary(page, {"id_session_days": "Enter up to 3 numbers of days"})
    check_page(page, small_screen=True)
    expect(page.get_by_label(SESSION_DAYS)).to_have_value("7, 3, 2, 1")  # kept as typed

    page.get_by_label(SESSION_DAYS).fill("14, 2")
    page.get_by_label("Days an invitation may wait for an answer").fill("3")
    page.get_by_label("Remind staff of outcomes that are overdue").uncheck()
    page.get_by_role("radio", name="The involvement team", exact=True).check()
    page.get_by_role("button", name="Save reminders").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "The reminders are saved"
    )
    expect(page.get_by_text("Last changed by Lee Lead")).to_be_visible()
    expect(page.get_by_label(SESSION_DAYS)).to_have_value("14, 2")
    check_page(page, small_screen=True)
    found = queries.current_settings()
    assert found.session_days == [14, 2]
    assert found.invitation_days == 3
    assert found.outcome_on is False
    assert found.outcome_who == "team"


def test_an_expert_turns_a_reminder_off(page):
    expert = expert_with_account(full_name="Rosa Diaz", preferred_name="Rosa")
    sign_in(page, expert.user)
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name="Choose your reminders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reminders")
    check_page(page, small_screen=True)
    meetings = page.get_by_label("Meetings coming up, a few days before")
    expect(meetings).to_be_checked()
    meetings.uncheck()
    page.get_by_role("button", name="Save my reminders").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Your reminders are saved"
    )
    expect(page.get_by_label("Meetings coming up, a few days before")).not_to_be_checked()
    expect(page.get_by_label("Invitations I have not answered yet")).to_be_checked()
    check_page(page, small_screen=True)
    assert queries.kinds_off_for_expert(expert) == {Kind.SESSION}
