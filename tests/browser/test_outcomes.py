"""The outcome journey in a real browser: the overdue page lists a piece of work whose outcome
is late; the member of staff who asked for it records what changed; the expert who attended
gets the email (a real SMTP server against the production server) and sees it under "What
happened next"; and the work leaves the overdue page. Every page visited passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import TeamFactory, UserFactory, expert_with_account
from tests.impact.outcomes.helpers import held_work

pytestmark = pytest.mark.browser

TITLE = "Discharge letters from the stroke ward"


def test_staff_record_an_outcome_and_the_expert_who_attended_is_told(page, sent_mail):
    team = TeamFactory(name="Stroke services")
    staff = UserFactory(role=Role.STAFF, team=team, full_name="Sam Staff")
    expert = expert_with_account(
        full_name="Priya Shah", preferred_name="Priya", email="priya.shah@example.net"
    )
    held_work(experts=[expert], team=team, requested_by=staff, title=TITLE)

    sign_in_as(page, Role.COORDINATOR)
    visit(page, reverse("outcomes:waiting"))
    expect(page.get_by_role("table", name="Stroke services: 1 outcome overdue")).to_contain_text(
        TITLE
    )
    check_page(page)

    sign_in(page, staff)
    visit(page, reverse("outcomes:waiting"))
    page.get_by_role("link", name=f"Record the outcome of {TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record the outcome")
    check_page(page, small_screen=True)

    # Nothing chosen: the form says what to do, and saves nothing.
    page.get_by_role("button", name="Save the outcome").click()
    assert_error_summary(page, {"id_changed": "Choose whether something changed"})

    page.get_by_label("Yes, something changed").check()
    page.get_by_label("What experts said (1)").fill("The letter was full of medical words")
    page.get_by_label("What was done about it (1)").fill(
        "We rewrote the letter with experts, in plain English"
    )
    page.get_by_label("In plain words, for the experts").fill(
        "You said the letter was hard to read. We wrote it again with you."
    )
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "The outcome is recorded"
    )
    expect(page.get_by_text("We rewrote the letter with experts, in plain English")).to_be_visible()
    check_page(page)

    (message,) = sent_mail.wait_for(
        "priya.shah@example.net", containing="We did: We rewrote the letter with experts"
    )
    assert TITLE in message.subject

    sign_in(page, expert.user)
    visit(page, reverse("opportunities:my_involvement"))
    home = page.locator("#what-happened-next")
    expect(home).to_be_visible()
    page.get_by_role("link", name="See what happened next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened next")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("The letter was full of medical words")).to_be_visible()
    check_page(page, small_screen=True)

    sign_in_as(page, Role.COORDINATOR)
    visit(page, reverse("outcomes:waiting"))
    expect(page.get_by_text("Nothing is overdue.")).to_be_visible()
    expect(page.get_by_text(TITLE)).to_have_count(0)
