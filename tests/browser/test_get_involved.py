"""A member of the public asks to get involved, by mouse and by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from coproduce.people.choices import Perspective, Status
from coproduce.people.models import Expert
from tests.browser.checks import assert_error_summary, check_page, follow_error_link, visit
from tests.factories import AccessNeedFactory, LivedExperienceAreaFactory

pytestmark = pytest.mark.browser


def test_member_of_the_public_gets_involved_after_fixing_what_they_missed(page, transactional_db):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    LivedExperienceAreaFactory(name="Autism")
    easy_read = AccessNeedFactory(name="Easy read")
    AccessNeedFactory(name="Large print")

    visit(page, "/")
    check_page(page)
    page.get_by_role("main").get_by_role("link", name="Get involved").click()
    expect(page).to_have_url(re.compile(r"/get-involved/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get involved")
    check_page(page, small_screen=True)

    # Sent empty: every problem is listed, named, and sits beside its question.
    page.get_by_role("button", name="Send").click()
    assert_error_summary(
        page,
        {
            "id_full_name": "Enter your name",
            "id_email": "Enter an email address or a phone number",
            "id_perspective": "Which describes you best?",
            "id_consent": "Tick the box",
        },
    )
    check_page(page, small_screen=True)

    page.get_by_label("Your name").fill("Priya Shah")
    # From here on, only the keyboard: the error link puts focus on the first radio.
    follow_error_link(page, "id_email")
    page.keyboard.type("Priya.Shah@example.net")
    follow_error_link(page, "id_perspective")
    page.keyboard.press("Space")
    expect(page.get_by_label("Service user", exact=True)).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Carer", exact=True)).to_be_checked()
    expect(page.get_by_label("Service user", exact=True)).not_to_be_checked()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Autism")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Dementia")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Easy read")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Postcode (optional)")).to_be_focused()
    page.keyboard.type("sy2 6nd")
    page.keyboard.press("Tab")
    expect(page.locator("#id_consent")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/get-involved/thank-you/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    check_page(page, small_screen=True)

    expert = Expert.objects.get(email="priya.shah@example.net")
    assert expert.full_name == "Priya Shah"
    assert expert.status == Status.ENQUIRY
    assert expert.perspective == Perspective.CARER
    assert list(expert.lived_experience.all()) == [dementia]
    assert list(expert.access_needs.all()) == [easy_read]
    assert expert.postcode == "SY2 6ND"
    assert expert.consent_given_at is not None
