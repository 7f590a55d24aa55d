"""The calendar of meetings, as a month and as a list, for everyone signed in."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.checks import check_page, visit
from tests.factories import OpportunityFactory, SessionFactory, TeamFactory

pytestmark = pytest.mark.browser


def test_calendar_month_and_list_are_accessible_and_filter_by_team(
    coordinator_page, transactional_db
):
    page = coordinator_page
    team = TeamFactory(name="Recruitment")
    today = timezone.localtime()
    for day, title, kwargs in [
        (2, "Interview panel for a ward manager", {"team": team}),
        (3, "Carers' partnership board", {}),
    ]:
        starts = (today + timedelta(days=day)).replace(hour=10, minute=0, second=0, microsecond=0)
        SessionFactory(
            opportunity=OpportunityFactory(title=title, **kwargs),
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )

    visit(page, "/calendar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar of meetings")
    month_name = today.strftime("%B %Y")
    table = page.get_by_role("table", name=month_name)
    # A meeting in the next few days may fall in next month: look there too.
    if table.get_by_text("Carers' partnership board").count() == 0:
        page.get_by_role("link", name="Next month").click()
    check_page(page, small_screen=True)

    page.get_by_label("Team").select_option(label=str(team))
    page.get_by_role("button", name="Show meetings").click()
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("Carers' partnership board")
    check_page(page)

    page.get_by_role("link", name="Show as a list").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meetings from")
    expect(main).to_contain_text("Interview panel for a ward manager")
    expect(main).not_to_contain_text("Carers' partnership board")
    check_page(page, small_screen=True)
