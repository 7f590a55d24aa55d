"""The calendar of meetings, as a month and as a list, for everyone signed in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.checks import SMALL_SCREEN_WIDTH, check_page, visit
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory, TeamFactory

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


def _side_by_side(cells) -> None:
    """The cells sit on one row, left to right: the same top, each further right."""
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(box is not None and box["width"] > 0 for box in boxes), boxes
    tops = {round(box["y"]) for box in boxes}
    assert len(tops) == 1, f"The cells are on {len(tops)} rows, not one: {boxes}"
    lefts = [box["x"] for box in boxes]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts), lefts


def test_month_is_a_grid_at_desktop_width_and_a_list_of_days_on_a_small_screen(
    coordinator_page, transactional_db
):
    page = coordinator_page
    london = ZoneInfo("Europe/London")
    # April 2030 starts on a Monday: the first week's row holds the 1st to the 7th.
    for day, title in [(3, "Carers' partnership board"), (17, "Interview panel")]:
        starts = datetime(2030, 4, day, 10, tzinfo=london)
        SessionFactory(
            opportunity=OpportunityFactory(title=title),
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )
    visit(page, "/calendar/?month=2030-04")
    table = page.get_by_role("table", name="April 2030")
    expect(table).to_be_visible()
    headings = table.get_by_role("columnheader")
    expect(headings).to_have_text(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
    _side_by_side(headings)
    first_week = table.locator("tbody tr").first.get_by_role("cell")
    expect(first_week).to_have_count(7)
    _side_by_side(first_week)
    expect(first_week.nth(2)).to_contain_text("Carers' partnership board")
    assert table.bounding_box()["width"] > 800
    days = page.locator(".app-calendar-days")
    expect(days).to_be_hidden()

    # On a small screen (or zoomed in 400%) seven columns cannot be read: the days that have
    # meetings are listed one under another instead.
    page.set_viewport_size({"width": SMALL_SCREEN_WIDTH, "height": 640})
    expect(table).to_be_hidden()
    expect(days).to_be_visible()
    day_headings = days.get_by_role("heading", level=3)
    expect(day_headings).to_have_text(["Wednesday 3 April 2030", "Wednesday 17 April 2030"])
    expect(days).to_contain_text("10am Carers' partnership board")
    expect(days).to_contain_text("Interview panel")
    first, second = (day_headings.nth(i).bounding_box() for i in range(2))
    assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 1
    page.set_viewport_size({"width": 1280, "height": 900})
    check_page(page, small_screen=True)


def test_an_expert_sees_only_their_own_meetings_in_the_calendar(expert_page, transactional_db):
    page = expert_page
    london = ZoneInfo("Europe/London")
    for day, title in [(3, "Carers' partnership board"), (4, "Serious incident review: ward 7")]:
        starts = datetime(2030, 4, day, 10, tzinfo=london)
        session = SessionFactory(
            opportunity=OpportunityFactory(title=title),
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )
        if day == 3:
            InvitationFactory(session=session, expert=page.expert)
    visit(page, "/calendar/?month=2030-04")
    main = page.get_by_role("main")
    expect(main).to_contain_text("meetings you are invited to")
    expect(page.get_by_role("table", name="April 2030")).to_contain_text(
        "Carers' partnership board"
    )
    expect(main).not_to_contain_text("Serious incident review")
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Show as a list").click()
    expect(main).to_contain_text("Carers' partnership board")
    expect(main).not_to_contain_text("Serious incident review")
    check_page(page, small_screen=True)
