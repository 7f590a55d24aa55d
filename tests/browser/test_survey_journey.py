"""Members' surveys in a real browser: the membership office makes a survey and its questions,
previews and opens it; a member answers from the link in their email on a phone-width page
(told what is missing first, then thanked; the link again says they have answered); the office
sees the results as charts with tables, with no names. Every page visited passes axe."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.membership.surveys.models import Response, Survey
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.membership.surveys.helpers import constituencies, member

pytestmark = pytest.mark.browser
SHOTS = "/tmp/surveys"


def _add_question(page, text: str, kind: str, choices: str = "") -> None:
    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill(text)
    page.get_by_label(kind, exact=True).check()
    if choices:
        page.get_by_label("Choices (for one choice or several choices)").fill(choices)
    page.get_by_label("Yes, an answer is needed").check()
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "The question is added"
    )


def test_the_office_makes_a_survey_a_member_answers_on_a_phone_and_the_office_sees_results(
    page, transactional_db, sent_mail
):
    north, _ = constituencies()
    member(north, 1, full_name="Nia Member", email="nia@example.net")

    sign_in_as(page, Role.MEMBERSHIP_OFFICE)
    visit(page, reverse("surveys:list"))
    check_page(page)
    page.get_by_role("button", name="Make a survey").click()
    page.get_by_role("button", name="Save the survey").click()
    assert_error_summary(
        page, {"id_title": "Enter title", "id_closes_on-day": "Enter the closing date"}
    )
    check_page(page, small_screen=True)
    closes = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Title").fill("Visiting times")
    page.get_by_label("Introduction (optional)").fill("Should visiting times change?")
    page.get_by_label("All current members").check()
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    page.get_by_role("button", name="Save the survey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Visiting times")

    _add_question(page, "Should wards open to visitors all day?", "One choice", "Yes\nNo")
    _add_question(page, "How easy is it to visit now?", "A rating from 1 to 5")
    check_page(page, small_screen=True)

    page.get_by_role("link", name="See the survey as members will").click()
    expect(page.get_by_role("main")).to_contain_text("This is how members see the survey")
    check_page(page, small_screen=True)
    page.go_back()

    page.get_by_role("link", name="Open the survey and send the links").click()
    expect(page.get_by_role("main")).to_contain_text("will be emailed a link just for them")
    check_page(page)
    page.get_by_role("button", name="Open the survey and send the links").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "The survey is open"
    )

    (message,) = sent_mail.wait_for("nia@example.net")
    link = re.search(r"https?://\S+?(/surveys/answer/\S+/)", message.body)
    assert link, message.body

    # The member, on a phone, with no account.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Visiting times")
    check_page(page, small_screen=True)
    page.screenshot(path=f"{SHOTS}-answer-320.png", full_page=True)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    survey = Survey.objects.get()
    rating = survey.questions.order_by("order").last()
    assert rating is not None
    assert_error_summary(page, {f"id_q{rating.pk}": "Choose an answer to question 2"})
    expect(page.get_by_label("Yes", exact=True)).to_be_checked()
    check_page(page, small_screen=True)
    page.get_by_label("4 – good").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    check_page(page, small_screen=True)
    assert Response.objects.filter(survey=survey, member__full_name="Nia Member").count() == 1

    visit(page, link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have already answered this survey. Thank you."
    )
    check_page(page, small_screen=True)

    # The office sees the results: a chart and table for each question, no names.
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_as(page, Role.MEMBERSHIP_OFFICE)
    visit(page, reverse("surveys:results", args=[survey.pk]))
    table = page.get_by_role("table", name="1. Should wards open to visitors all day?")
    expect(table).to_contain_text("100%")
    expect(page.locator("svg").first).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Nia Member")
    page.screenshot(path=f"{SHOTS}-results-1280.png", full_page=True)
    check_page(page, small_screen=True)
