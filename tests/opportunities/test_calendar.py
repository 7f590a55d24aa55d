"""The calendar of meetings everyone signed in sees: a month, a list, filters, and .ics."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tests.factories import GroupFactory, OpportunityFactory, SessionFactory, TeamFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _meeting(when: datetime, title: str, hours: int = 2, **opportunity):
    return SessionFactory(
        opportunity=OpportunityFactory(title=title, **opportunity),
        starts_at=when,
        ends_at=when + timedelta(hours=hours),
    )


def test_month_view_shows_the_months_meetings_in_a_grid(staff_client):
    _meeting(datetime(2026, 11, 3, 14, 30, tzinfo=LONDON), "Carers' board")
    _meeting(datetime(2026, 12, 1, 10, tzinfo=LONDON), "December panel")
    response = staff_client.get(reverse("opportunities:calendar"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<caption id="month-caption" class="nhsuk-table__caption">November 2026</caption>' in html
    )
    assert "2:30pm" in html and "Carers&#39; board" in html
    assert "December panel" not in html
    assert "?month=2026-10" in html and "?month=2026-12" in html


def test_month_boundaries_are_in_london_time(staff_client):
    # 00:30 on 1 April in London is 23:30 on 31 March in UTC: it belongs to April.
    _meeting(datetime(2026, 4, 1, 0, 30, tzinfo=LONDON), "Just after midnight")
    # 23:30 on 31 October in London (GMT) is still October.
    _meeting(datetime(2026, 10, 31, 23, 30, tzinfo=LONDON), "Late on Halloween", hours=1)
    march = staff_client.get(reverse("opportunities:calendar") + "?month=2026-03")
    april = staff_client.get(reverse("opportunities:calendar") + "?month=2026-04")
    october = staff_client.get(reverse("opportunities:calendar") + "?month=2026-10")
    november = staff_client.get(reverse("opportunities:calendar") + "?month=2026-11")
    assert "Just after midnight" not in march.content.decode()
    assert "Just after midnight" in april.content.decode()
    day = april.context["month"].days_with_meetings[0]
    assert day.date.isoformat() == "2026-04-01"
    assert "Late on Halloween" in october.content.decode()
    assert "Late on Halloween" not in november.content.decode()


def test_a_bad_month_shows_this_month(staff_client):
    response = staff_client.get(reverse("opportunities:calendar") + "?month=nonsense")
    assert response.status_code == 200
    assert "November 2026" in response.content.decode()


def test_filters_by_team_and_group(staff_client):
    team = TeamFactory(name="Recruitment")
    group = GroupFactory(name="Learning Disability Partnership Board")
    when = datetime(2026, 11, 20, 10, tzinfo=LONDON)
    _meeting(when, "Interview panel", team=team)
    _meeting(when, "Partnership board", group=group)
    _meeting(when, "Something else")
    url = reverse("opportunities:calendar")
    by_team = staff_client.get(f"{url}?team={team.pk}").content.decode()
    assert "Interview panel" in by_team
    assert "Partnership board" not in by_team and "Something else" not in by_team
    by_group = staff_client.get(f"{url}?group={group.pk}").content.decode()
    assert "Partnership board" in by_group
    assert "Interview panel" not in by_group
    # The month links keep the filter.
    assert f"?team={team.pk}&amp;month=2026-12" in by_team


def test_unpublished_and_cancelled_meetings_are_not_shown(staff_client):
    when = datetime(2026, 11, 20, 10, tzinfo=LONDON)
    _meeting(when, "Still a request", status="requested")
    cancelled = _meeting(when, "Called off")
    cancelled.status = "cancelled"
    cancelled.save()
    html = staff_client.get(reverse("opportunities:calendar")).content.decode()
    assert "Still a request" not in html and "Called off" not in html


def test_team_gets_links_to_the_opportunity_and_others_do_not(coordinator_client, expert_client):
    session = _meeting(datetime(2026, 11, 20, 10, tzinfo=LONDON), "Board")
    href = reverse("opportunities:opportunity_detail", args=[session.opportunity_id])
    assert (
        f'href="{href}"'
        in coordinator_client.get(reverse("opportunities:calendar")).content.decode()
    )
    assert (
        f'href="{href}"'
        not in expert_client.get(reverse("opportunities:calendar")).content.decode()
    )


def test_list_view_groups_the_next_twelve_months(staff_client):
    _meeting(datetime(2026, 11, 20, 10, tzinfo=LONDON), "This month")
    _meeting(datetime(2027, 10, 5, 10, tzinfo=LONDON), "In eleven months")
    _meeting(datetime(2027, 11, 5, 10, tzinfo=LONDON), "Too far ahead")
    response = staff_client.get(reverse("opportunities:calendar_list"))
    html = response.content.decode()
    assert "Meetings from November 2026 to October 2027" in html
    assert html.index("<h2>November 2026</h2>") < html.index("This month")
    assert html.index("<h2>October 2027</h2>") < html.index("In eleven months")
    assert "Too far ahead" not in html
    assert "Friday 20 November 2026" in html


def test_download_is_an_ics_of_the_same_meetings(staff_client):
    team = TeamFactory()
    wanted = _meeting(datetime(2026, 11, 20, 10, tzinfo=LONDON), "Wanted", team=team)
    _meeting(datetime(2026, 11, 21, 10, tzinfo=LONDON), "Another team's")
    response = staff_client.get(reverse("opportunities:calendar_download") + f"?team={team.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Wanted"]
    assert str(events[0]["UID"]) == f"{wanted.uid}@coproduce"
    assert int(events[0]["SEQUENCE"]) == wanted.sequence


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_month_and_list_cost_the_same_queries_however_many_meetings(coordinator_client):
    month = reverse("opportunities:calendar")
    listing = reverse("opportunities:calendar_list")
    _meeting(datetime(2026, 11, 2, 10, tzinfo=LONDON), "One", group=GroupFactory())
    few = (_count(coordinator_client, month), _count(coordinator_client, listing))
    for day in range(1, 29):
        for hour in (10, 14):
            _meeting(
                datetime(2026, 11, day, hour, tzinfo=LONDON),
                f"M {day} {hour}",
                group=GroupFactory(),
            )
    many = (_count(coordinator_client, month), _count(coordinator_client, listing))
    assert many == few
