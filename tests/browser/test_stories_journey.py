"""Working Together in a real browser: an expert writes a story and adds a photo (refused
until they confirm everyone in it agreed), sends it; the involvement lead publishes it; a
visitor sees it in the public gallery with its photo. Display mode rotates the stories and its
pause button (keyboard operable) stops it, with no fade for those who ask for less motion. A
nomination sent after the closing date is refused with a clear message. Every page visited
passes axe."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.comms.stories.forms import NEED_CONSENT
from coproduce.comms.stories.models import Nomination, Story, StoryStatus
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.comms.stories.helpers import award_round, jpeg_bytes, story

pytestmark = pytest.mark.browser

TITLE = "Experts rewrote the discharge letter"
ALT = "Four people around a table reading the new letter"


def _photo_file(tmp_path):
    path = tmp_path / "team.jpg"
    path.write_bytes(jpeg_bytes(size=(320, 200), exif=True))
    return str(path)


def test_an_expert_sends_a_story_the_lead_publishes_it_and_visitors_see_it(expert_page, tmp_path):
    page = expert_page
    visit(page, reverse("stories:mine"))
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Write a story").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What was done").fill("We read the letter together and rewrote it.")
    page.get_by_label("Who took part").fill("Six experts and the ward team")
    page.get_by_label("What changed because of it").fill("The letter is one page now.")
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Save the story").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Add a photo").click()
    page.get_by_label("The photo", exact=True).set_input_files(_photo_file(tmp_path))
    page.get_by_label("Describe the photo for someone who cannot see it").fill(ALT)
    page.get_by_label("Who agreed, and how").fill("All four, on the consent form")
    page.get_by_role("button", name="Add the photo").click()
    assert_error_summary(page, {"id_everyone_consented": NEED_CONSENT[:40]})
    check_page(page, small_screen=True)
    assert not Story.objects.get().photos.exists()

    page.get_by_label("The photo", exact=True).set_input_files(_photo_file(tmp_path))
    page.get_by_label("Everyone in this photo has agreed to it being shown publicly").check()
    page.get_by_role("button", name="Add the photo").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("photo is added")
    expect(page.get_by_role("img", name=ALT)).to_be_visible()
    page.get_by_role("button", name="Send the story").click()
    expect(page.get_by_text("Waiting for the involvement lead").first).to_be_visible()

    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    visit(page, reverse("stories:review_list"))
    check_page(page, small_screen=True)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("All four, on the consent form")).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Publish the story").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is published")

    page.context.clear_cookies()
    visit(page, reverse("stories:working_together_gallery"))
    check_page(page, small_screen=True)
    photo = page.get_by_role("img", name=ALT)
    expect(photo).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_text("All four, on the consent form")).to_have_count(0)
    check_page(page, small_screen=True)
    page.wait_for_load_state("networkidle")


def test_display_mode_rotates_the_stories_and_pauses_from_the_keyboard(page):
    for number in range(3):
        story(status=StoryStatus.PUBLISHED, title=f"Story number {number + 1}", photos=1)
    visit(page, reverse("stories:working_together_display") + "?seconds=2")
    count = page.locator("[data-app-display-count]")
    expect(count).to_have_text("Story 1 of 3")
    expect(page.get_by_role("heading", name="Story number 3")).to_be_visible()
    # It moves on by itself (newest first).
    expect(count).to_have_text("Story 2 of 3", timeout=6_000)
    expect(page.get_by_role("heading", name="Story number 2")).to_be_visible()

    # Pause with the keyboard: the button is reached by Tab and pressed with Enter.
    toggle = page.get_by_role("button", name="Pause the slides")
    for _ in range(5):
        page.keyboard.press("Tab")
        if toggle.evaluate("button => button === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Play the slides")).to_be_visible()
    paused_at = count.inner_text()
    page.wait_for_timeout(4_500)
    assert count.inner_text() == paused_at, "the slides moved while paused"
    # Checked while paused: axe would otherwise meet a slide half-way through its fade.
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Play the slides").press("Enter")
    expect(count).not_to_have_text(paused_at, timeout=6_000)


def test_display_mode_does_not_fade_for_people_who_ask_for_less_motion(page):
    for number in range(2):
        story(status=StoryStatus.PUBLISHED, title=f"Calm story {number + 1}")
    page.emulate_media(reduced_motion="reduce")
    visit(page, reverse("stories:working_together_display") + "?seconds=2")
    arrived = page.locator(".app-display__slide--arrived")
    expect(arrived).to_have_count(1, timeout=6_000)
    assert arrived.evaluate("el => getComputedStyle(el).animationName") == "none"
    page.emulate_media(reduced_motion="no-preference")
    assert arrived.evaluate("el => getComputedStyle(el).animationName") == "app-display-fade"


def test_a_nomination_sent_after_the_closing_date_is_refused_clearly(expert_page):
    page = expert_page
    award = award_round(open_days=3)
    visit(page, reverse("stories:nominate"))
    check_page(page, small_screen=True)
    page.get_by_label("A team").check()
    page.get_by_label("Their name").fill("The stroke ward team")
    page.get_by_label("Why they should win").fill("They asked experts first.")
    # The closing date passes while the form is open.
    award.closes_on = timezone.localdate() - timedelta(days=1)
    award.save()
    page.get_by_role("button", name="Send the nomination").click()
    callout = page.get_by_role("main")
    expect(callout).to_contain_text(f"Nominations for the {award.year} award closed on")
    expect(callout).to_contain_text("Your nomination has not been saved")
    expect(page.get_by_role("button", name="Send the nomination")).to_have_count(0)
    check_page(page, small_screen=True)
    assert not Nomination.objects.exists()
