"""Experts meeting each other, in a real browser: a coordinator adds the annual get-together
(first without a place, which the form asks for); an expert joins the directory from their home
page with a photo they upload, sees another expert who joined, and replies to the get-together
with a dietary need; the coordinator then sees the headcount and the need. Every page visited
passes axe, at 320px too."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from coproduce.comms.directory import services
from coproduce.comms.directory.models import Event
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in
from tests.factories import expert_with_account

pytestmark = pytest.mark.browser

TITLE = "Annual get-together"


def _jpeg(tmp_path):
    path = tmp_path / "me.jpg"
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def _add_the_get_together(page):
    visit(page, reverse("directory:events"))
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Add an event").click()
    day = timezone.localdate() + timedelta(days=45)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What will happen (optional)").fill("Lunch and a look back at the year.")
    page.locator("#id_date-day").fill(str(day.day))
    page.locator("#id_date-month").fill(str(day.month))
    page.locator("#id_date-year").fill(str(day.year))
    page.get_by_label("Start time").fill("11am")
    page.get_by_label("End time").fill("3pm")
    page.get_by_label("Places (optional)").fill("40")
    page.get_by_label("Guests each expert may bring").fill("1")
    page.get_by_role("button", name="Save the event").click()
    assert_error_summary(
        page, {"id_place": "Enter where the event is, or tick ‘People can join online’"}
    )
    check_page(page)
    page.get_by_label("Where (optional if it is online)").fill("Shirehall, Shrewsbury")
    page.get_by_role("button", name="Save the event").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is added")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    check_page(page, small_screen=True)


def test_experts_meet_in_the_directory_and_reply_to_the_get_together(coordinator_page, tmp_path):
    page = coordinator_page
    coordinator = page.user
    _add_the_get_together(page)
    event = Event.objects.get(title=TITLE)

    other = expert_with_account(full_name="Priya Patel")
    services.set_entry(
        actor=None,
        expert=other,
        first_name="Priya",
        interests="Gardening and making services better for carers",
        photo=services.NO_PHOTO,
    )
    expert = expert_with_account(full_name="Eve Expert", preferred_name="")
    sign_in(page, expert.user)

    visit(page, reverse("directory:directory"))
    expect(page.get_by_text("Priya")).to_have_count(0)
    check_page(page, small_screen=True)
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name="Join the directory of experts").click()
    expect(page.get_by_label("Your first name")).to_have_value("Eve")
    page.get_by_label("Upload a new photo").check()
    page.get_by_label("Upload a photo").set_input_files(str(_jpeg(tmp_path)))
    page.get_by_label("A line about your interests (optional)").fill("Walking and films")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Join the directory").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "You are in the directory"
    )
    cards = page.locator(".nhsuk-card")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="Priya")).to_contain_text("Gardening")
    mine = cards.filter(has_text="Walking and films")
    expect(mine).to_contain_text("Eve")
    # The photo they uploaded is served to them, square. It loads lazily, so wait for it.
    photo = mine.locator("img")
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    size = photo.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert size == [services.PHOTO_SIDE, services.PHOTO_SIDE]
    check_page(page, small_screen=True)

    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name=f"Reply to {TITLE}").click()
    check_page(page, small_screen=True)
    page.get_by_label("Yes, I am coming").check()
    page.get_by_label("How many guests are you bringing?").fill("0")
    page.get_by_label("Vegetarian").check()
    page.get_by_role("button", name="Send my reply").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Your reply is saved"
    )
    expect(page.get_by_text("Your reply: Coming")).to_be_visible()
    check_page(page)

    sign_in(page, coordinator)
    visit(page, reverse("directory:event_detail", kwargs={"pk": event.pk}))
    expect(page.locator("#headcount")).to_have_text("1 person coming, of 40 places")
    expect(page.get_by_text(re.compile(r"^Vegetarian: 1 person$"))).to_be_visible()
    expect(page.get_by_role("table", name="Who needs what")).to_contain_text("Eve Expert")
    check_page(page, small_screen=True)
