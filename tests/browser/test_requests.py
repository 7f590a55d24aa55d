"""A staff member asks for involvement (making one mistake first); a coordinator approves the
request, publishes it and sees its sessions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.opportunities.models import Opportunity
from tests.browser.checks import (
    assert_error_summary,
    check_page,
    follow_error_link,
    open_from_all_pages,
    visit,
)
from tests.browser.steps import sign_in
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.browser


def test_staff_member_asks_and_coordinator_approves_and_publishes(page, transactional_db):
    team = TeamFactory(name="Adult Social Care")
    staff = UserFactory(role=Role.STAFF, full_name="Hannah Clarke", team=team)
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")
    first = timezone.localdate() + timedelta(days=30)
    sign_in(page, staff)

    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your requests")
    check_page(page, small_screen=True)
    page.get_by_role("navigation").get_by_role("link", name="Ask for involvement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for involvement")
    check_page(page, small_screen=True)

    page.get_by_label("What is the work called?").fill("Carers' assessment redesign")
    page.get_by_label("What is the work, and what will experts do?").fill(
        "We are changing how carers are assessed and want carers to shape it."
    )
    page.get_by_label("Co-design project").check()
    page.get_by_label("Plan: deciding what to do").check()
    page.get_by_label("Co-design: experts and staff design it together").check()
    page.get_by_label("Places for experts").fill("4")
    page.get_by_label("Staff expected").fill("2")
    when = page.get_by_role("group", name="Date of the first session")
    when.get_by_label("Day").fill(str(first.day))
    when.get_by_label("Year").fill(str(first.year))  # the first mistake: no month
    page.get_by_label("Start time").fill("2pm")
    page.get_by_label("End time").fill("1pm")  # the second: before the start
    page.get_by_label("Every 2 weeks").check()
    page.get_by_label("How many sessions in all? (optional)").fill("3")
    page.get_by_label("In person", exact=True).check()
    page.get_by_role("group", name="Is the work paid?").get_by_label("Yes", exact=True).check()
    page.get_by_label("Hourly rate in pounds").fill("25.00")
    page.get_by_role("button", name="Send the request").click()

    assert_error_summary(
        page,
        {
            "id_first_date-day": "Date must include a month",
            "id_end_time": "The end time must be after the start time",
        },
    )
    expect(page.get_by_label("What is the work called?")).to_have_value(
        "Carers' assessment redesign"
    )
    expect(page.get_by_label("Start time")).to_have_value("2pm")
    when = page.get_by_role("group", name="Date of the first session")
    expect(when.get_by_label("Day")).to_have_value(str(first.day))
    expect(when.get_by_label("Year")).to_have_value(str(first.year))
    # Only the box at fault is marked.
    expect(when.get_by_label("Month")).to_have_class(re.compile(r"\bnhsuk-input--error\b"))
    expect(when.get_by_label("Day")).not_to_have_class(re.compile(r"\bnhsuk-input--error\b"))
    check_page(page, small_screen=True)
    follow_error_link(page, "id_first_date-day")
    when.get_by_label("Month").fill(str(first.month))
    page.get_by_label("End time").fill("4pm")
    page.get_by_role("button", name="Send the request").click()

    expect(page.get_by_role("alert").first).to_contain_text("Your request has been sent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Carers' assessment redesign")
    expect(page.get_by_text("Waiting for the involvement team")).to_be_visible()
    check_page(page, small_screen=True)
    opportunity = Opportunity.objects.get()
    assert opportunity.sessions.count() == 3

    page.context.clear_cookies()
    sign_in(page, coordinator)
    visit(page, "/overview/")
    open_from_all_pages(page, "Requests to review")
    expect(page.get_by_role("heading", level=1)).to_have_text("Requests to review")
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Carers' assessment redesign").click()
    check_page(page, small_screen=True)
    page.get_by_label("Approve it").check()
    page.get_by_role("button", name="Save the decision").click()

    expect(page.get_by_role("alert").first).to_contain_text("Hannah Clarke has been told")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Publish it").click()
    expect(page.get_by_role("alert").first).to_contain_text("Opportunity published")
    sessions = page.get_by_role("table", name="Sessions")
    expect(sessions.get_by_role("row")).to_have_count(4)
    expect(sessions).to_contain_text("2pm to 4pm")
    check_page(page, small_screen=True)
    opportunity.refresh_from_db()
    assert opportunity.status == "published"
