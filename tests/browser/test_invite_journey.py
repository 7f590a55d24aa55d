"""The heart of the product, end to end in the browser: a coordinator finds experts for a piece
of work on the shortlist and invites two; each says yes on their phone from the link in their
email; the session's places page shows who is coming. After the meeting the coordinator records
who came and the hours they gave, and the expert who came sees it in their own history. Every
page passes axe, and every page an expert sees passes it on a 320px-wide phone."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.core.formats import long_date
from coproduce.opportunities.models import Session
from coproduce.payments.choices import RateUnit
from coproduce.people.choices import PaymentPreference
from tests.browser.checks import SMALL_SCREEN_WIDTH, check_page, check_small_screen, visit
from tests.browser.conftest import PageProblems, new_context
from tests.browser.steps import sign_in
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    LivedExperienceAreaFactory,
    OpportunityFactory,
    SessionFactory,
    expert_with_account,
)
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.browser


@contextmanager
def phone(browser, app_server) -> Iterator:
    """An expert's own phone, 320px wide: like the `page` fixture, it may only reach our
    server, and an error in the page's own code fails the journey."""
    origin = app_server.url
    context = new_context(
        browser,
        app_server,
        viewport={"width": SMALL_SCREEN_WIDTH, "height": 640},
        locale="en-GB",
    )
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(origin)
            else route.abort("blockedbyclient")
        ),
    )
    screen = context.new_page()
    problems = PageProblems(origin)
    screen.on("console", problems.on_console)
    screen.on("pageerror", problems.on_page_error)
    screen.on("response", problems.on_response)
    screen.on("requestfailed", problems.on_request_failed)
    screen.problems = problems
    try:
        yield screen
    finally:
        context.close()
    leftover = problems.take()
    assert not leftover, "The phone's page had errors:\n" + "\n".join(leftover)


def says_yes_from_their_email(browser, app_server, sent_mail, address: str) -> None:
    """The expert opens the "yes" link in their invitation on their phone, not signed in."""
    (message,) = sent_mail.wait_for(address, containing="answer=accept")
    accept = re.search(r"https?://\S+?(/invitations/answer/\S+\?answer=accept)", message.body)
    with phone(browser, app_server) as screen:
        visit(screen, accept.group(1))
        check_small_screen(screen)
        screen.get_by_role("button", name="Yes, I can come").click()
        expect(screen.get_by_role("heading", level=1)).to_have_text("You have a place")
        check_small_screen(screen)


def test_invited_expert_who_came_sees_the_meeting_and_hours_the_coordinator_recorded(
    coordinator_page, browser, app_server, sent_mail
):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    opportunity = OpportunityFactory(
        title="Shaping dementia support", wanted_experience=[dementia], places=2
    )
    starts = (timezone.now() + timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    ada = expert_with_account(
        full_name="Ada Okafor",
        preferred_name="",
        email="ada@example.net",
        lived_experience=[dementia],
    )
    ExpertFactory(full_name="Bilal Shah", email="bilal@example.net", lived_experience=[dementia])

    # The coordinator finds two experts with the right experience and invites them.
    visit(page, f"/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Find experts for this work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shaping dementia support")
    check_page(page)
    page.get_by_label("Choose Ada Okafor").check()
    page.get_by_label("Choose Bilal Shah").check()
    page.get_by_role("button", name="Invite chosen experts").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check who you are inviting")
    check_page(page)
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Sending invitations|Invitations sent")
    )
    check_page(page)

    # Ada says yes on her phone; the places page shows her coming, Bilal not answered yet.
    says_yes_from_their_email(browser, app_server, sent_mail, "ada@example.net")

    visit(page, f"/sessions/{session.pk}/places/")
    coming = page.get_by_role("heading", name=re.compile(r"^Coming \(1\)"))
    expect(coming).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Ada Okafor")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Invited, not answered yet \(1\)"))
    ).to_be_visible()
    check_page(page, small_screen=True)

    # Bilal says yes too, later.
    says_yes_from_their_email(browser, app_server, sent_mail, "bilal@example.net")

    # The meeting has happened: Ada came a quarter of an hour late; Bilal cancelled that
    # morning. The meeting moves to yesterday rather than the clock to tomorrow, because the
    # clock of a server in another process (the production run) cannot be moved from here.
    yesterday = starts - timedelta(days=8)
    Session.objects.filter(pk=session.pk).update(
        starts_at=yesterday, ends_at=yesterday + timedelta(hours=2)
    )
    visit(page, f"/opportunities/{opportunity.pk}/")
    check_page(page)
    page.get_by_role("link", name=re.compile(r"^Record attendance")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record attendance")
    check_page(page, small_screen=True)

    ada_came = page.get_by_role("group", name="Did Ada Okafor attend?")
    ada_came.get_by_label("Attended").check()
    expect(page.get_by_label("Hours Ada Okafor gave")).to_have_value("2.00")
    page.get_by_label("Hours Ada Okafor gave").fill("1.75")
    bilal_came = page.get_by_role("group", name="Did Bilal Shah attend?")
    bilal_came.get_by_label("Cancelled late").check()
    page.get_by_role("button", name="Save attendance").click()

    expect(page.get_by_role("alert").first).to_contain_text("Attendance saved for 2 people")
    expect(ada_came.get_by_label("Attended")).to_be_checked()
    expect(page.get_by_label("Hours Ada Okafor gave")).to_have_value("1.75")
    expect(bilal_came.get_by_label("Cancelled late")).to_be_checked()
    check_page(page, small_screen=True)

    # Ada signs in on her phone and finds the meeting among those she has been to.
    with phone(browser, app_server) as screen:
        sign_in(screen, ada.user)
        visit(screen, "/")
        expect(screen.get_by_role("heading", level=1)).to_have_text("Hello, Ada Okafor")
        main = screen.get_by_role("main")
        expect(main.get_by_role("heading", name="Meetings you have been to")).to_be_visible()
        # She is asked how it went (issue 13's feedback), above her meetings.
        expect(main.get_by_role("heading", name="Tell us how it went")).to_be_visible()
        (been_to,) = main.locator("#history ~ ul").first.get_by_role("listitem").all()
        expect(been_to).to_contain_text("Shaping dementia support")
        expect(been_to).to_contain_text("1.75 hours")
        expect(main).to_contain_text(
            "You have been to 1 meeting with us. That is 1.75 hours of your time."
        )
        expect(main).to_contain_text("You have no meetings coming up.")
        check_small_screen(screen)


def test_coordinator_cancels_a_place_after_a_question_and_the_expert_is_told(
    coordinator_page, sent_mail
):
    page = coordinator_page
    opportunity = OpportunityFactory(title="Carers' forum", places=1)
    starts = (timezone.now() + timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    jo = ExpertFactory(full_name="Jo Bloggs", preferred_name="Jo", email="jo@example.net")
    sam = ExpertFactory(full_name="Sam Patel", preferred_name="", email="sam@example.net")
    InvitationFactory(session=session, expert=jo, status="accepted")
    InvitationFactory(session=session, expert=sam, status="waiting", waiting_since=timezone.now())
    day = long_date(starts)

    # The one place is taken: the places page says 0 are free, not nothing.
    visit(page, f"/sessions/{session.pk}/places/")
    main = page.get_by_role("main")
    free = main.locator(".nhsuk-summary-list__row", has_text="Free places")
    expect(free.locator("dd").first).to_have_text("0")

    # Cancelling asks first, and says what will happen; going back changes nothing.
    page.get_by_role("button", name="Cancel place for Jo Bloggs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Cancel Jo Bloggs's place at the meeting on {day}?"
    )
    expect(main).to_contain_text("Jo Bloggs will be told by email")
    expect(main).to_contain_text("The place will go to Sam Patel, who has waited longest")
    check_page(page, small_screen=True)
    page.get_by_role("link", name="No, go back to the places").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Coming \(1\)"))).to_be_visible()
    expect(main.get_by_role("region", name=re.compile("^Coming"))).to_contain_text("Jo Bloggs")

    page.get_by_role("button", name="Cancel place for Jo Bloggs").click()
    page.get_by_role("button", name="Cancel place").click()

    expect(page.get_by_role("alert").first).to_contain_text("Jo Bloggs's place is cancelled")
    expect(main.get_by_role("region", name=re.compile("^Coming"))).to_contain_text("Sam Patel")
    check_page(page)

    # Jo is told which meeting, that the place is cancelled, and whom to ask; Sam gets it.
    (told,) = sent_mail.wait_for("jo@example.net", containing="cancelled your place")
    assert told.subject == f"Your place is cancelled: Carers' forum, {day}"
    assert "Hello Jo," in told.body
    assert f"When: {day}, 10am to 12pm" in told.body
    assert "If you have a question, or think this is a mistake, email" in told.body
    sent_mail.wait_for("sam@example.net", containing="it is yours")


def test_what_the_expert_is_promised_is_what_they_are_paid(
    coordinator_page, browser, app_server, sent_mail
):
    """The request asked for £15.00 an hour, but the payment policy pays interview panels by
    the half day and allows no agreed rates: the shortlist, the invitation, the answer page and
    the expert's money page all say the same £49.50, and attendance pays it."""
    page = coordinator_page
    make_policy(
        effective_from=timezone.localdate() - timedelta(days=60),
        kind="interview_panel",
        unit=RateUnit.HALF_DAY,
        hourly=Decimal("49.50"),
    )
    panel = LivedExperienceAreaFactory(name="Learning disability")
    opportunity = OpportunityFactory(
        title="Interviews for a nurse",
        kind="interview_panel",
        paid=True,
        hourly_rate=Decimal("15.00"),
        wanted_experience=[panel],
    )
    starts = (timezone.now() + timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=3)
    )
    cara = expert_with_account(
        full_name="Cara Jones",
        preferred_name="",
        email="cara@example.net",
        lived_experience=[panel],
        payment_preference=PaymentPreference.PAID,
    )
    promise = "£49.50 for this meeting (1 half day at £49.50)"

    visit(page, f"/opportunities/{opportunity.pk}/shortlist/")
    expect(page.get_by_role("main")).to_contain_text(
        f"£49.50 for each expert at the session on {long_date(starts)}"
    )
    expect(page.get_by_role("main")).not_to_contain_text("£15.00")
    page.get_by_label("Choose Cara Jones").check()
    page.get_by_role("button", name="Invite chosen experts").click()
    page.get_by_role("button", name="Send the invitations").click()

    (message,) = sent_mail.wait_for("cara@example.net", containing="answer=accept")
    assert f"Payment: {promise}" in message.body
    accept = re.search(r"https?://\S+?(/invitations/answer/\S+\?answer=accept)", message.body)
    with phone(browser, app_server) as screen:
        visit(screen, accept.group(1))
        expect(screen.get_by_role("main")).to_contain_text(promise)
        screen.get_by_role("button", name="Yes, I can come").click()
        expect(screen.get_by_role("heading", level=1)).to_have_text("You have a place")
        expect(screen.get_by_role("main")).to_contain_text(promise)
        check_small_screen(screen)

    # The meeting happened (moved to yesterday: see the journey above); Cara stayed to the end.
    yesterday = starts - timedelta(days=8)
    Session.objects.filter(pk=session.pk).update(
        starts_at=yesterday, ends_at=yesterday + timedelta(hours=3)
    )
    visit(page, f"/sessions/{session.pk}/attendance/")
    page.get_by_role("group", name="Did Cara Jones attend?").get_by_label("Attended").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert").first).to_contain_text("Attendance saved")

    with phone(browser, app_server) as screen:
        sign_in(screen, cara.user)
        visit(screen, "/my-money/")
        main = screen.get_by_role("main")
        expect(main).to_contain_text("£49.50")
        expect(main).not_to_contain_text("£15.00")
        expect(main).not_to_contain_text("£45.00")
        check_small_screen(screen)
