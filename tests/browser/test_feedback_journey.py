"""An expert tells us how a meeting went from the link in their email, on a small phone,
without their name; the coordinator sees that they answered, but not what they said, since one
anonymous answer beside a named one would be theirs; the link used again says it was already
answered."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.impact.feedback.models import FeedbackAnswer
from coproduce.impact.feedback.tasks import ask_for_feedback
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.factories import ExpertFactory
from tests.impact.feedback.helpers import answer, attended, past_session

pytestmark = pytest.mark.browser


def test_an_expert_answers_anonymously_from_the_email_and_the_team_sees_only_that(
    page, transactional_db, sent_mail
):
    session = past_session(title="Carers' strategy workshop")
    nia = ExpertFactory(full_name="Nia Jones", preferred_name="Nia", email="nia@example.net")
    attended(session, nia)
    named = attended(session, ExpertFactory(full_name="Omar Named", email="omar@example.net"))
    attended(session, ExpertFactory(full_name="Pat Waiting", email="pat@example.net"))
    assert ask_for_feedback.call() == 3
    answer(named, comments="Good to be asked.")

    (message,) = sent_mail.wait_for("nia@example.net")
    link = re.search(r"https?://\S+?(/feedback/answer/\S+/)", message.body)
    assert link, message.body

    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, link.group(1))
    expect(page.get_by_role("heading", level=1)).to_contain_text("How did it go?")
    expect(page.get_by_role("main")).to_contain_text("Carers' strategy workshop")
    check_page(page, small_screen=True)

    # An answer missing: told which, nothing saved.
    page.get_by_role("group", name="Was the meeting good for you?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_role("button", name="Send my answers").click()
    assert_error_summary(page, {"id_listened_to": "Choose whether you felt listened to"})
    check_page(page, small_screen=True)
    assert FeedbackAnswer.objects.count() == 1

    page.get_by_role("group", name="Did you feel listened to?").get_by_label(
        "Partly", exact=True
    ).check()
    page.get_by_role("group", name="Did you get the help you need to take part?").get_by_label(
        "I did not need anything"
    ).check()
    page.get_by_role("group", name="Did you get what you needed before the meeting?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Is there anything else you want to tell us?").fill(
        "The papers came the night before."
    )
    page.get_by_label("No, do not use my name").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    check_page(page, small_screen=True)

    saved = FeedbackAnswer.objects.get(comments="The papers came the night before.")
    assert saved.expert_id is None and saved.request_id is None

    # The link again: already answered, nothing changed.
    visit(page, link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have already told us about this meeting. Thank you."
    )
    check_page(page, small_screen=True)
    assert FeedbackAnswer.objects.count() == 2

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, Role.COORDINATOR, full_name="Cora Coordinator")
    visit(page, reverse("feedback:overview"))
    row = page.get_by_role("row", name=re.compile("Carers' strategy workshop"))
    expect(row).to_contain_text("3")  # asked
    expect(row).to_contain_text("2")  # answered
    check_page(page, small_screen=True)
    row.get_by_role("link").click()

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", name="Who answered (2)")).to_be_visible()
    expect(main).to_contain_text("Nia Jones")  # that she answered
    expect(page.get_by_role("heading", name="Not answered yet (1)")).to_be_visible()
    expect(main).to_contain_text("2 people (67% of those asked)")
    # Omar answered with his name, so Nia's would be the anonymous one: with fewer than three
    # anonymous answers, hers is kept back, and the page says so.
    expect(main).not_to_contain_text("The papers came the night before.")
    expect(main).to_contain_text("1 anonymous answer is not counted here")
    expect(page.locator("li", has_text="Good to be asked.")).to_contain_text("Omar Named")
    check_page(page, small_screen=True)
