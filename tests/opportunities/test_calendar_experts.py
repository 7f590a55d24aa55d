"""What an expert sees in the calendar: the meetings they are invited to and those of the
groups they belong to, never another team's meeting they have no part in. Staff see all."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from coproduce.opportunities.models import Membership
from tests.factories import (
    GroupFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
WHEN = datetime(2026, 11, 20, 10, tzinfo=LONDON)
SECRET = "Serious incident review: ward 7"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _meeting(title: str, when: datetime = WHEN, **opportunity):
    return SessionFactory(
        opportunity=OpportunityFactory(title=title, **opportunity),
        starts_at=when,
        ends_at=when + timedelta(hours=2),
    )


@pytest.fixture
def meetings(expert):
    """Another team's serious incident review the expert is not invited to, a meeting they are
    invited to, one they turned down, and their panel's meeting."""
    _meeting(SECRET, kind="investigation")
    InvitationFactory(session=_meeting("Carers' workshop"), expert=expert)
    InvitationFactory(session=_meeting("Turned down"), expert=expert, status="declined")
    panel = GroupFactory(name="Dementia panel")
    Membership.objects.create(group=panel, expert=expert, joined_on=date(2026, 1, 1))
    _meeting("Dementia panel meeting", group=panel)
    left = GroupFactory(name="Old panel")
    Membership.objects.create(
        group=left, expert=expert, joined_on=date(2025, 1, 1), left_on=date(2026, 1, 1)
    )
    _meeting("Old panel meeting", group=left)


def _page(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _ics_titles(client) -> list[str]:
    response = client.get(reverse("opportunities:calendar_download"))
    assert response.status_code == 200
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))


def test_expert_does_not_see_another_teams_meeting_in_the_month(expert_client, meetings):
    html = _page(expert_client, "opportunities:calendar")
    assert "Serious incident review" not in html
    assert "Carers&#39; workshop" in html and "Dementia panel meeting" in html
    assert "These are the meetings you are invited to" in html


def test_expert_does_not_see_another_teams_meeting_in_the_list(expert_client, meetings):
    html = _page(expert_client, "opportunities:calendar_list")
    assert "Serious incident review" not in html
    assert "Carers&#39; workshop" in html and "Dementia panel meeting" in html


def test_expert_does_not_get_another_teams_meeting_in_the_download(expert_client, meetings):
    assert _ics_titles(expert_client) == ["Carers' workshop", "Dementia panel meeting"]


def test_expert_does_not_see_meetings_they_declined_or_of_a_group_they_left(
    expert_client, meetings
):
    for name in ("opportunities:calendar", "opportunities:calendar_list"):
        html = _page(expert_client, name)
        assert "Turned down" not in html and "Old panel meeting" not in html


def test_another_experts_invitation_does_not_show_the_meeting(expert_client, meetings):
    InvitationFactory(session=_meeting("Someone else's interview"))
    assert "Someone else" not in _page(expert_client, "opportunities:calendar")


def test_staff_still_see_every_teams_meetings(staff_client, finance_client, meetings):
    for client in (staff_client, finance_client):
        assert SECRET in _ics_titles(client)
        for name in ("opportunities:calendar", "opportunities:calendar_list"):
            assert "Serious incident review" in _page(client, name)


def test_staff_are_not_told_the_calendar_is_limited_to_them(staff_client, meetings):
    assert "you are invited to" not in _page(staff_client, "opportunities:calendar")


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_experts_calendar_costs_the_same_queries_however_many_meetings(expert_client, expert):
    month, listing = reverse("opportunities:calendar"), reverse("opportunities:calendar_list")
    InvitationFactory(session=_meeting("One"), expert=expert)
    few = (_count(expert_client, month), _count(expert_client, listing))
    for day in range(1, 29):
        InvitationFactory(
            session=_meeting(f"M {day}", when=datetime(2026, 11, day, 10, tzinfo=LONDON)),
            expert=expert,
        )
        _meeting(f"Not theirs {day}", when=datetime(2026, 11, day, 14, tzinfo=LONDON))
    many = (_count(expert_client, month), _count(expert_client, listing))
    assert many == few
