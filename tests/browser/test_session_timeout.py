"""The warning before a signed-in person is signed out for being idle (WCAG 2.2.1): it comes in
time, can be answered by keyboard alone, keeps what they typed, and when nobody answers the
person lands on the sign-in page told why.

The idle limit is cut to a minute and the warning to 50 seconds. Nobody waits: the page's clock
(Playwright's) and the server's (time-machine, in this process) are moved on together."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.checks import assert_accessible, check_small_screen, visit
from tests.browser.conftest import PRODUCTION

pytestmark = [
    pytest.mark.browser,
    pytest.mark.in_process,
    pytest.mark.skipif(
        PRODUCTION,
        reason=(
            "The production server runs for the whole run with the default 15-minute limit, "
            "in its own processes whose clock this test cannot move."
        ),
    ),
]

SHORT_LIMITS = override_settings(SESSION_IDLE_MINUTES_STAFF=1, SESSION_WARNING_SECONDS=50)
TYPED = "Typed before the warning"


@pytest.fixture
def clocks(page):
    """The server's clock and the page's, which the test moves on together."""
    with SHORT_LIMITS, time_machine.travel(timezone.now(), tick=True) as server_clock:
        page.clock.install()

        def wait(seconds: int) -> None:
            server_clock.shift(timedelta(seconds=seconds))
            page.clock.fast_forward(seconds * 1000)

        yield wait


def _start_typing(page):
    visit(page, reverse("people:expert_add"))
    field = page.get_by_label("Full name")
    field.fill(TYPED)
    field.focus()
    return field


def test_the_warning_lets_a_coordinator_stay_signed_in_and_keep_what_they_typed(
    coordinator_page, clocks
):
    page = coordinator_page
    field = _start_typing(page)
    warning = page.get_by_role("dialog", name="You will be signed out soon")
    expect(warning).to_be_hidden()

    clocks(15)

    expect(warning).to_be_visible()
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(warning).to_contain_text("You will be signed out in 45 seconds.")
    expect(warning.get_by_role("button", name="Sign out now")).to_be_visible()
    assert_accessible(page)
    check_small_screen(page)
    expect(warning).to_be_visible()

    page.keyboard.press("Enter")

    expect(warning).to_be_hidden()
    expect(field).to_have_value(TYPED)
    expect(field).to_be_focused()
    # The server started the minute again: 45 seconds after the first warning, still signed in.
    clocks(45)
    status = page.request.get(reverse("account_session"))
    assert status.status == 200
    assert status.json()["seconds_left"] > 10
    expect(field).to_have_value(TYPED)


def test_escape_also_means_stay_signed_in(coordinator_page, clocks):
    page = coordinator_page
    field = _start_typing(page)
    warning = page.get_by_role("dialog", name="You will be signed out soon")
    clocks(15)
    expect(warning).to_be_visible()

    page.keyboard.press("Escape")

    expect(warning).to_be_hidden()
    expect(field).to_have_value(TYPED)
    clocks(45)
    assert page.request.get(reverse("account_session")).status == 200


def test_with_no_answer_the_coordinator_lands_on_the_sign_in_page_told_why(
    coordinator_page, clocks
):
    page = coordinator_page
    _start_typing(page)
    warning = page.get_by_role("dialog", name="You will be signed out soon")
    clocks(15)
    expect(warning).to_be_visible()

    clocks(50)

    expect(page).to_have_url(re.compile(rf"/accounts/login/\?next={reverse('people:expert_add')}$"))
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "You were signed out because you had not used this service for 1 minute. "
        "Sign in again to carry on."
    )
    assert_signed_out_answer_only(page)
    assert_accessible(page)


def assert_signed_out_answer_only(page):
    """The page's last question answered 401 ("signed out"), as it should: nothing else failed."""
    status_url = reverse("account_session")
    problems = page.problems.take()
    unexpected = [p for p in problems if not p.endswith(f"{status_url} answered 401")]
    assert not unexpected, "The page had errors:\n" + "\n".join(unexpected)
