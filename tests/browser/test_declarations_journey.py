"""The co-production declaration journey in a real browser: a programme manager writes a
declaration, adds an entry (first with mistakes the form explains) and submits it; a
coordinator adds a board meeting and records the board's review with a follow-up; the
programme manager sees the board's status, comments and follow-up and answers by changing
the declaration, which then waits for the board again. Every page visited passes axe, some
at 320px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import GroupFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.browser

NAME = "Crisis care redesign"


def test_a_declaration_is_written_reviewed_by_the_board_and_answered(page):
    team = TeamFactory(name="Community Mental Health")
    staff = UserFactory(role=Role.STAFF, team=team, full_name="Sam Staff")
    GroupFactory(name="Co-production Board", kind="coproduction_board")

    sign_in(page, staff)
    visit(page, reverse("declarations:mine"))
    expect(page.get_by_text("You have no declarations yet")).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Start a declaration").click()
    check_page(page, small_screen=True)
    page.get_by_label("Name of the programme or project").fill(NAME)
    page.get_by_label("Describe the programme or project").fill(
        "Changing how people in a mental health crisis get help."
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Add where co-production took place"
    )

    page.get_by_label("Where did co-production take place").fill("Designing the crisis line")
    page.get_by_label("Yes, it has happened").check()
    page.get_by_role("button", name="Save the entry").click()
    assert_error_summary(
        page,
        {
            "id_on-day": "Enter when it happened, or when it is planned",
            "id_stage": "Choose the stage of the decision it fed",
            "id_rung": "Choose the rung of the ladder of co-production",
            "id_with_whom": "Enter which groups of people took part",
            "id_effect": "Enter what effect it had",
        },
    )
    expect(page.get_by_label("Where did co-production take place")).to_have_value(
        "Designing the crisis line"
    )
    check_page(page, small_screen=True)
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Plan: deciding what to do").check()
    page.get_by_label("Co-production", exact=True).check()
    page.get_by_label("Which groups of people took part").fill("People who have used the line")
    page.get_by_label("Co-production Board").check()
    page.get_by_label("What effect did it have?").fill("The line answers within two rings")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("entry is added")
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Check and submit").click()
    check_page(page)
    page.get_by_role("button", name="Submit to the board").click()
    expect(page.get_by_text("Waiting for the board").first).to_be_visible()

    sign_in_as(page, Role.COORDINATOR)
    visit(page, reverse("declarations:all"))
    expect(page.get_by_role("status")).to_contain_text("1 declaration")
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Board meetings and their agendas").click()
    check_page(page)
    page.get_by_role("button", name="Add a board meeting").click()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2026")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Add the meeting").click()
    check_page(page, small_screen=True)
    page.get_by_role("link", name=f"Record the review of {NAME}").click()
    check_page(page, small_screen=True)
    page.get_by_label("Agreed with follow-ups").check()
    page.get_by_role("button", name="Save the review").click()
    assert_error_summary(page, {"id_what_1": "Enter at least one follow-up"})
    page.get_by_label("Agreed with follow-ups").check()
    page.get_by_label("The board's comments").fill("Good. Tell the people who took part.")
    page.get_by_label("What is to be done (1)").fill("Write to everyone who took part")
    page.get_by_label("Who will do it (1)").fill("Sam Staff")
    page.locator("#id_due_1-day").fill("1")
    page.locator("#id_due_1-month").fill("7")
    page.locator("#id_due_1-year").fill("2026")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "review of ‘Crisis care redesign’ is recorded"
    )
    check_page(page)

    sign_in(page, staff)
    visit(page, reverse("declarations:mine"))
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_text("What the co-production board said")).to_be_visible()
    expect(page.get_by_text("Good. Tell the people who took part.")).to_be_visible()
    expect(page.get_by_text("Write to everyone who took part", exact=True)).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Change the entry ‘Designing the crisis line’").click()
    page.get_by_label("What effect did it have?").fill(
        "The line answers within two rings. We wrote to everyone who took part."
    )
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "waits for the co-production board again"
    )
    expect(page.get_by_text("Waiting for the board").first).to_be_visible()
    page.get_by_role("link", name="Write to everyone who took part").click()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("The follow-up is marked as done.")).to_be_visible()
    check_page(page)

    # The pages to change what it is about and to remove an entry pass too.
    page.get_by_role("link", name="Change the name, team or description").click()
    expect(page.get_by_label("Name of the programme or project")).to_have_value(NAME)
    check_page(page, small_screen=True)
    page.go_back()
    page.get_by_role("link", name="Remove the entry ‘Designing the crisis line’").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove the entry")
    check_page(page, small_screen=True)
