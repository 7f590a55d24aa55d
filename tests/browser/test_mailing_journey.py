"""Mailing lists in a real browser: a coordinator makes a list, finds and adds members, writes
a message with an Easy Read version and a document (an empty one first, refused beside its
fields), checks who gets which version and who does not and why, sends it and follows it to
the end, copy by copy; an expert leaves a list in their portal on a phone-width screen. Every
page passes axe."""

import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.comms.lists import services
from coproduce.comms.lists.models import Delivery, Member, Message
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.factories import ExpertFactory, UserFactory
from tests.papers import paper_pdf

pytestmark = pytest.mark.browser


def _expert(name: str, **fields):
    return ExpertFactory(full_name=name, consent_given_at=timezone.now(), **fields)


def _check_until_sent(page, timeout: float = 15) -> None:
    """Follows the progress page's own link, as the coordinator would (the page does not
    reload itself), until it says the message is sent; fails if that takes over `timeout`."""
    heading = page.get_by_role("heading", level=1)
    deadline = time.monotonic() + timeout
    while heading.inner_text().strip() != "Message sent":
        assert time.monotonic() < deadline, f"Still {heading.inner_text()!r} after {timeout}s"
        time.sleep(0.2)
        with page.expect_navigation():
            page.get_by_role("link", name="Check how many are sent").click()


def test_a_coordinator_makes_a_list_writes_checks_and_sends_a_message(
    coordinator_page, sent_mail, tmp_path
):
    page = coordinator_page
    eve = _expert("Eve Brook", email="eve@example.net", communication_needs=["easy_read"])
    _expert("Ann Brook", email="ann@example.net")
    _expert("Pat Brook", email="pat@example.net", preferred_channel="post", address="1 High St")

    visit(page, reverse("mailing:lists"))
    check_page(page)
    page.get_by_role("button", name="Make a list").click()
    page.get_by_label("Name of the list").fill("Carers' news")
    page.get_by_label("Topic (optional)").fill("Carers")
    page.get_by_role("button", name="Make the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carers' news")

    page.get_by_role("button", name="Add members").click()
    page.get_by_label("Find experts to add").fill("Brook")
    page.get_by_role("button", name="Find").click()
    check_page(page, small_screen=True)
    for name in ("Ann Brook", "Eve Brook", "Pat Brook"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Add to the list").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "3 people added to the list"
    )
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Write a message").click()
    page.get_by_role("button", name="Check who gets it").click()
    assert_error_summary(page, {"id_subject": "Enter a subject", "id_body": "Enter the message"})
    page.get_by_label("Subject").fill("The carers' café is back")
    page.get_by_label("Message", exact=True).fill(
        "The café meets again on Tuesday.\n\nAll welcome."
    )
    page.get_by_label("Easy Read version (optional)").fill("The café is on Tuesday.")
    newsletter = tmp_path / "Newsletter.pdf"
    newsletter.write_bytes(paper_pdf("Winter newsletter"))
    easy_read = tmp_path / "Easy.pdf"
    easy_read.write_bytes(paper_pdf("Easy Read newsletter"))
    page.get_by_label("A document to send with it (optional)").set_input_files(str(newsletter))
    page.get_by_label("Easy Read version of the document (optional)").set_input_files(
        str(easy_read)
    )
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Check who gets it").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check who gets the message")
    expect(page.get_by_role("definition").filter(has_text="Newsletter.pdf")).to_have_text(
        "Newsletter.pdf (Easy Read version: Easy.pdf). People who get a text message do not get it."
    )
    versions = page.locator("#recipients-caption").locator("xpath=ancestor::table")
    expect(versions.get_by_role("row", name="Eve Brook")).to_contain_text("Easy Read")
    expect(versions.get_by_role("row", name="Ann Brook")).to_contain_text("Standard")
    expect(page.get_by_role("row", name="Pat Brook")).to_contain_text(
        "Prefers letters: post them a copy"
    )
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Send to 2 people").click()
    # The task worker sends it: at once in the test process, a moment later against the
    # production server, where the page first says it is sending.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^(Sending the message|Message sent)$")
    )
    check_page(page, small_screen=True)
    (easy,) = sent_mail.wait_for("eve@example.net")
    _check_until_sent(page)
    expect(page.get_by_role("status")).to_have_text("2 of 2 sent.")
    expect(page.get_by_role("row", name="Eve Brook")).to_contain_text("Easy Read")
    check_page(page, small_screen=True)
    assert "The café is on Tuesday." in easy.body
    assert "We have attached a document to this email: Easy.pdf." in easy.body
    assert Delivery.objects.filter(expert=eve, version="easy_read", status="sent").exists()
    assert Message.objects.get().state == Message.State.SENT


def test_an_expert_leaves_a_list_in_their_portal_on_a_phone(expert_page):
    page = expert_page
    page.set_viewport_size({"width": 320, "height": 640})
    made = services.save_list(
        actor=UserFactory(role="coordinator"),
        values={"name": "Mental health services", "topic": "Mental health"},
    )
    services.add_members(actor=None, mailing_list=made, experts=[page.expert])
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name="Your mailing lists").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your mailing lists")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Leave Mental health services").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "You have left the list ‘Mental health services’"
    )
    expect(page.get_by_role("button", name="Join Mental health services")).to_be_visible()
    check_page(page, small_screen=True)
    assert not Member.objects.filter(expert=page.expert).exists()
