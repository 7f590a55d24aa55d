"""A coordinator opens the shortlist for an opportunity, reads why each expert is ranked where
they are, and opens the rules that rank them; adds a session and invites to it an expert already
invited to the first; and finds by name an expert who matches nothing asked for, and invites
them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.core.formats import long_date
from coproduce.opportunities.models import Invitation
from coproduce.people.choices import Status
from tests.browser.checks import check_page, visit
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    InvitationFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    VenueFactory,
)

pytestmark = pytest.mark.browser


def test_coordinator_reads_the_shortlist_and_how_it_ranks(coordinator_page, transactional_db):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    codesign = SkillFactory(name="Co-design workshops")
    shrewsbury = LocalityFactory(name="Shrewsbury")
    step_free = AccessNeedFactory(name="Step-free access")
    venue = VenueFactory(name="Shirehall", locality=shrewsbury)
    opportunity = OpportunityFactory(
        title="Shaping dementia support",
        venue=venue,
        paid=True,
        hourly_rate="15.00",
        wanted_experience=[dementia],
        wanted_skills=[codesign],
    )
    starts = (timezone.localtime() + timedelta(days=21)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    SessionFactory(opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2))
    ExpertFactory(
        full_name="Margaret Hughes",
        lived_experience=[dementia],
        skills=[codesign],
        locality=shrewsbury,
        available_days=[("mon", "tue", "wed", "thu", "fri", "sat", "sun")[starts.weekday()]],
        benefits_declaration="weekly",
        earnings_limit="20.00",
    )
    ExpertFactory(
        full_name="David Price",
        lived_experience=[dementia],
        locality=LocalityFactory(name="Telford"),
        access_needs=[step_free],
    )
    ExpertFactory(full_name="Paula Paused", lived_experience=[dementia], status=Status.PAUSED)

    visit(page, f"/opportunities/{opportunity.pk}/shortlist/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shaping dementia support")
    cards = page.locator(".app-shortlist__expert")
    expect(cards).to_have_count(2)
    first = cards.nth(0)
    expect(first.get_by_role("heading")).to_contain_text("Margaret Hughes")
    expect(first).to_contain_text("For, plus 3 Lived experience of Dementia")
    expect(first).to_contain_text("For, plus 2 Skills: Co-design workshops")
    expect(first).to_contain_text("Against, minus 2 The fee of £30.00 for one session is over")
    second = cards.nth(1)
    expect(second.get_by_role("heading")).to_contain_text("David Price")
    expect(second).to_contain_text(
        "Against, minus 2 Needs step-free access: the venue does not provide it"
    )
    expect(page.get_by_text("1 expert is shown apart")).to_be_visible()

    summary = page.get_by_text("How the shortlist ranks experts")
    summary.click()
    expect(page.get_by_text("plus 3 for each lived-experience area asked for")).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("link", name="Show who and why").click()
    expect(page.get_by_text("Paused: taking a break")).to_be_visible()
    check_page(page)


def _send(page) -> None:
    page.get_by_role("button", name="Invite chosen experts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check who you are inviting")
    check_page(page)
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Sending invitations|Invitations sent")
    )
    check_page(page)


def test_coordinator_adds_a_session_and_invites_someone_invited_to_the_first(
    coordinator_page, transactional_db
):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    opportunity = OpportunityFactory(title="Dementia carers' forum", wanted_experience=[dementia])
    starts = (timezone.localtime() + timedelta(days=14)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    first = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    ada = ExpertFactory(full_name="Ada Okafor", lived_experience=[dementia])
    InvitationFactory(session=first, expert=ada, status="accepted")
    InvitationFactory(
        session=first,
        expert=ExpertFactory(full_name="Bilal Shah", lived_experience=[dementia]),
        status="invited",
    )

    # The coordinator adds a second session, a week after the first.
    visit(page, f"/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Add a session").click()
    day = starts + timedelta(days=7)
    when = page.get_by_role("group", name="Date")
    when.get_by_label("Day").fill(str(day.day))
    when.get_by_label("Month").fill(str(day.month))
    when.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("2pm")
    page.get_by_label("End time").fill("4pm")
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("alert").first).to_contain_text("Session added")

    # They open the shortlist for the new session: Ada, invited to the first, can be chosen.
    page.get_by_role("link", name=f"Find experts for the session on {long_date(day)}").click()
    expect(
        page.get_by_text(f"Experts for the session on {long_date(day)}, 2pm to 4pm")
    ).to_be_visible()
    card = page.locator(".app-shortlist__expert", has_text="Ada Okafor")
    expect(card).to_contain_text("Note Invited to 1 other session of this work (accepted)")
    expect(page.get_by_text("No experts are shown apart.")).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_label("Choose Ada Okafor").check()
    _send(page)

    new = opportunity.sessions.exclude(pk=first.pk).get()
    assert Invitation.objects.filter(session=new, expert=ada, status="invited").exists()
    visit(page, f"/sessions/{new.pk}/places/")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Invited, not answered yet \(1\)"))
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Ada Okafor")

    # Back on the new session's shortlist, Ada is now shown apart for it.
    visit(page, f"/opportunities/{opportunity.pk}/shortlist/?session={new.pk}&apart=on")
    expect(page.get_by_text("Already invited to this session (invited)")).to_be_visible()
    check_page(page)


def test_coordinator_finds_by_name_someone_who_matches_nothing_asked_for_and_invites_them(
    coordinator_page, transactional_db
):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    opportunity = OpportunityFactory(
        title="Shaping dementia support",
        wanted_experience=[dementia],
        wanted_skills=[SkillFactory(name="Co-design workshops")],
    )
    starts = (timezone.localtime() + timedelta(days=14)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    ExpertFactory(full_name="Grace Evans", lived_experience=[dementia])
    grace = ExpertFactory(
        full_name="Grace Morgan", lived_experience=[LivedExperienceAreaFactory(name="Autism")]
    )
    ExpertFactory(full_name="Grace Paused", status=Status.PAUSED)

    visit(page, f"/opportunities/{opportunity.pk}/shortlist/")
    expect(page.locator(".app-shortlist__expert")).to_have_count(1)
    page.get_by_label("Name").fill("grace")
    page.get_by_role("button", name="Filter").click()

    ranked = page.locator(".app-shortlist__expert")
    expect(ranked).to_have_count(1)
    expect(ranked).to_contain_text("Grace Evans")
    heading = page.get_by_role(
        "heading", name="Found by name, not matching what this work asks for"
    )
    expect(heading).to_be_visible()
    found = page.locator(".app-shortlist__by-name")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Grace Morgan")
    expect(found).to_contain_text("Note None of the lived experience asked for")
    expect(found).to_contain_text("Note None of the skills asked for")
    expect(page.get_by_text("1 expert is shown apart")).to_be_visible()
    page.get_by_label("Show the expert listed apart, and why").check()
    page.get_by_role("button", name="Filter").click()
    expect(
        page.get_by_text("Has none of the lived experience or skills this work asks for")
    ).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_label("Choose Grace Morgan").check()
    _send(page)
    assert Invitation.objects.filter(session=session, expert=grace).exists()
