"""A member of the public asks to get involved, by mouse and by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from coproduce.people.choices import Perspective, Status
from coproduce.people.models import Expert
from tests.browser.checks import assert_error_summary, check_page, follow_error_link, visit
from tests.factories import AccessNeedFactory, LivedExperienceAreaFactory

pytestmark = pytest.mark.browser


def test_member_of_the_public_gets_involved_after_fixing_what_they_missed(
    page, transactional_db, sent_mail
):
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
            "id_perspective": "Choose which describes you best",
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
    expect(page.locator("#id_consent")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/get-involved/thank-you/\?by=email&emailed=yes$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_text("contact you by email within 10 working days")).to_be_visible()
    expect(page.get_by_text("We have sent you an email")).to_be_visible()
    check_page(page, small_screen=True)

    # Their confirmation: what happens next and who to ask, and nothing they told us.
    (message,) = sent_mail.wait_for("priya.shah@example.net", containing="What happens next")
    assert message.subject == "We have your details: getting involved"
    assert "involvement@example.org" in message.body
    assert "Priya" not in message.body and "Dementia" not in message.body

    expert = Expert.objects.get(email="priya.shah@example.net")
    assert expert.full_name == "Priya Shah"
    assert expert.status == Status.ENQUIRY
    assert expert.perspective == Perspective.CARER
    assert list(expert.lived_experience.all()) == [dementia]
    assert list(expert.access_needs.all()) == [easy_read]
    assert expert.consent_given_at is not None


def test_someone_without_email_asks_for_a_letter_and_gives_their_address(page, sent_mail):
    visit(page, "/get-involved/")
    page.get_by_label("Your name").fill("Tom Price")
    address = page.get_by_label("Your address")
    # Hidden until "Letter" is chosen (without scripts it shows, with its "only if" hint).
    expect(address).to_be_hidden()
    page.get_by_label("Letter", exact=True).check()
    expect(address).to_be_visible()
    expect(page.get_by_text("Only if you chose letter").first).to_be_visible()
    page.get_by_label("Service user", exact=True).check()
    page.locator("#id_consent").check()
    check_page(page, small_screen=True)

    # Letter, with no address: the message sits beside the address, not a refusal.
    page.get_by_role("button", name="Send").click()
    assert_error_summary(
        page,
        {
            "id_address": "Enter your address so we can write to you",
            "id_postcode": "Enter your postcode so we can write to you",
        },
    )
    expect(page.get_by_label("Letter", exact=True)).to_be_checked()
    expect(page.get_by_text("We cannot write to you")).to_have_count(0)
    check_page(page, small_screen=True)

    follow_error_link(page, "id_address")
    page.keyboard.type("Flat 2, 14 Castle Street\nShrewsbury")
    follow_error_link(page, "id_postcode")
    page.keyboard.type("sy1 2bq")
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_url(re.compile(r"/get-involved/thank-you/\?by=post$"))
    expect(page.get_by_text("contact you by letter within 10 working days")).to_be_visible()
    expect(page.get_by_text("We will not send you an email")).to_be_visible()
    check_page(page, small_screen=True)

    expert = Expert.objects.get(full_name="Tom Price")
    assert expert.status == Status.ENQUIRY
    assert expert.preferred_channel == "post"
    assert expert.email == ""
    assert expert.address.splitlines() == ["Flat 2, 14 Castle Street", "Shrewsbury"]
    assert expert.postcode == "SY1 2BQ"
    # The team is told of the enquiry; nobody is sent a confirmation, as there is no address.
    sent_mail.wait_for("involvement@example.org", containing="Tom Price")
    assert not [m for m in sent_mail.all() if "We have your details" in m.subject]
