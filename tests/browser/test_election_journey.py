"""A governor election in a real browser: a member nominates themselves on a phone-width page
(first with details that match no member, and told so); the returning officer accepts the
nomination and, once withdrawals have closed, sets up the poll; a voter votes with their code at
320px, numbering the candidates (first with a number given twice, and told so), checks and casts
their vote; after the close the officer counts, reads the count sheet and declares, and the
result is public. Every page visited passes axe."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.membership.elections import voter_codes
from coproduce.membership.elections.choices import Method
from coproduce.membership.elections.models import Ballot, Election, Nomination, Voter
from tests.browser.checks import check_page, visit
from tests.browser.steps import sign_in_as
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.browser


def _timetable(*, nominations_close: int, poll_opens: int, poll_closes: int) -> dict:
    """A timetable in days from today, in order."""
    today = timezone.localdate()

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    return {
        "notice_published": day(nominations_close - 10),
        "nominations_open": day(nominations_close - 10),
        "nominations_close": day(nominations_close),
        "withdrawals_close": day(nominations_close + 1),
        "poll_opens": day(poll_opens),
        "poll_closes": day(poll_closes),
        "declaration": day(poll_closes + 1),
    }


def _days_pass(election: Election, **days) -> None:
    Election.objects.filter(pk=election.pk).update(**_timetable(**days))


def test_nominate_accept_vote_on_a_phone_count_and_declare(page, transactional_db):
    place = h.constituency("Leeds North")
    election = h.election(place, seats=1, method=Method.STV, title="Leeds North governor")
    Election.objects.filter(pk=election.pk).update(
        **_timetable(nominations_close=2, poll_opens=5, poll_closes=10)
    )
    h.candidate(election, "Ben Baker")
    h.member(place, "Ann Able", email="ann@example.org", born=date(1980, 3, 27))
    for n in range(3):
        h.member(place, f"Voter {n}", email=f"voter{n}@example.org")

    # A member nominates themselves, on a phone.
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, reverse("elections:election_nominate", args=[election.pk]))
    check_page(page)
    page.get_by_label("Full name").fill("Ann Able")
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_label("Day").fill("28")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1980")
    page.get_by_label("Your election statement").fill("I will make sure patients are heard.")
    page.get_by_label("I declare that I am a member").check()
    page.get_by_role("button", name="Send my nomination").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "We could not find a current member of Leeds North"
    )
    check_page(page)
    expect(page.get_by_label("Your election statement")).to_have_value(
        "I will make sure patients are heard."
    )
    page.get_by_label("Day").fill("27")
    page.get_by_label("I declare that I am a member").check()
    page.get_by_role("button", name="Send my nomination").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your nomination is sent")
    check_page(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # The returning officer accepts it.
    sign_in_as(page, Role.RETURNING_OFFICER)
    visit(page, reverse("elections:detail", args=[election.pk]))
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Ann Able").click()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Accept the nomination").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("is accepted")

    # Withdrawals close; the officer sets up the poll, which opens today.
    _days_pass(election, nominations_close=-3, poll_opens=0, poll_closes=5)
    page.reload()
    page.get_by_role("button", name="Close nominations").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "The poll is set up"
    )
    check_page(page, small_screen=True)
    voter = Voter.objects.get(election=election, member__full_name="Voter 0")
    code = voter_codes.issue_code(voter)  # as the email the voter received holds it

    # The voter votes on a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, reverse("elections:election_vote", args=[election.pk]))
    check_page(page)
    page.get_by_label("Your code to vote").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    check_page(page)
    page.get_by_label("Ann Able").fill("1")
    page.get_by_label("Ben Baker").fill("1")
    page.get_by_role("button", name="Check your vote").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "You gave two candidates the number 1"
    )
    check_page(page)
    page.get_by_label("Ben Baker").fill("2")
    page.get_by_role("button", name="Check your vote").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your vote")
    check_page(page)
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your vote is cast")
    check_page(page)
    assert Ballot.objects.filter(election=election).count() == 1
    page.set_viewport_size({"width": 1280, "height": 800})

    # The poll closes; the officer counts, reads the sheet and declares.
    _days_pass(election, nominations_close=-20, poll_opens=-5, poll_closes=-1)
    sign_in_as(page, Role.RETURNING_OFFICER)
    visit(page, reverse("elections:detail", args=[election.pk]))
    page.get_by_role("button", name="Close the poll").click()
    page.get_by_role("link", name="The count and the declaration").click()
    page.get_by_role("button", name="Count the ballots").click()
    expect(page.get_by_role("heading", name="Elected: Ann Able")).to_be_visible()
    expect(page.get_by_text("Quota", exact=True)).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Declare the result").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("declared")

    page.context.clear_cookies()
    visit(page, reverse("elections:election_result", args=[election.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leeds North governor")
    expect(page.locator("main")).to_contain_text("Ann Able")
    check_page(page, small_screen=True)
    assert Nomination.objects.get(member__full_name="Ann Able").status == "accepted"
