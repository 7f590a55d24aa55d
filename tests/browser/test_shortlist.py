"""A coordinator opens the shortlist for an opportunity, reads why each expert is ranked where
they are, and opens the rules that rank them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.people.choices import Status
from tests.browser.checks import check_page, visit
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
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
