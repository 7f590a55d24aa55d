"""An expert's private calendar feed: their meetings, read back with icalendar, at a secret
address they can replace."""

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coproduce.audit.models import AuditEvent
from coproduce.opportunities.models import CalendarFeed
from coproduce.opportunities.services.calendar_feed import calendar_feed_for, reset_calendar_feed
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _session(days: int, title: str, **kwargs):
    starts = (timezone.now() + timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return SessionFactory(
        opportunity=OpportunityFactory(title=title),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **kwargs,
    )


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_feed_lists_the_experts_own_meetings_with_uid_and_sequence(expert):
    coming = _session(7, "Board", sequence=3)
    recent = _session(-30, "Last month's panel")
    InvitationFactory(session=coming, expert=expert, status="accepted")
    InvitationFactory(session=recent, expert=expert, status="accepted", attendance="attended")
    InvitationFactory(session=_session(-120, "Long ago"), expert=expert, status="accepted")
    InvitationFactory(session=_session(8, "Not answered"), expert=expert, status="invited")
    InvitationFactory(session=_session(9, "Said no"), expert=expert, status="declined")
    InvitationFactory(session=_session(10, "Someone else's"), status="accepted")
    token = calendar_feed_for(expert=expert).token

    events = _events(Client().get(reverse("opportunities:calendar_feed", args=[token])))

    assert set(events) == {"Board", "Last month's panel"}
    board = events["Board"]
    assert str(board["UID"]) == f"{coming.uid}@coproduce"
    assert int(board["SEQUENCE"]) == 3
    assert board.decoded("DTSTART") == coming.starts_at.astimezone(UTC)
    assert board.decoded("DTSTART").tzinfo is not None
    assert board.decoded("DTEND") == coming.ends_at.astimezone(UTC)
    assert str(board["STATUS"]) == "CONFIRMED"


def test_feed_shows_a_cancelled_meeting_as_cancelled(expert):
    session = _session(7, "Board", status="cancelled", sequence=1)
    InvitationFactory(session=session, expert=expert, status="accepted")
    token = calendar_feed_for(expert=expert).token
    events = _events(Client().get(reverse("opportunities:calendar_feed", args=[token])))
    assert str(events["Board"]["STATUS"]) == "CANCELLED"
    assert int(events["Board"]["SEQUENCE"]) == 1


def test_feed_carries_venue_access_parking_and_papers(expert):
    venue = VenueFactory(name="Shirehall", accessibility="Ramp at the side", parking="Car park B")
    session = SessionFactory(
        opportunity=OpportunityFactory(title="Board", venue=venue), papers="Agenda attached"
    )
    InvitationFactory(session=session, expert=expert, status="accepted")
    token = calendar_feed_for(expert=expert).token
    board = _events(Client().get(reverse("opportunities:calendar_feed", args=[token])))["Board"]
    assert "Shirehall" in str(board["LOCATION"])
    description = str(board["DESCRIPTION"])
    assert "Ramp at the side" in description
    assert "Car park B" in description
    assert "Agenda attached" in description


def test_reset_makes_the_old_address_stop_working(expert, expert_client):
    old = calendar_feed_for(expert=expert).token
    old_url = reverse("opportunities:calendar_feed", args=[old])
    assert Client().get(old_url).status_code == 200

    response = expert_client.post(reverse("opportunities:my_calendar_reset"))
    assert response.status_code == 302

    new = CalendarFeed.objects.get(expert=expert).token
    assert new != old
    assert len(new) >= 43
    assert Client().get(old_url).status_code == 404
    assert Client().get(reverse("opportunities:calendar_feed", args=[new])).status_code == 200
    assert AuditEvent.objects.filter(
        action="calendar address reset", subject_id=str(expert.pk)
    ).exists()


def test_unknown_address_is_not_found(db):
    url = reverse("opportunities:calendar_feed", args=["not-a-real-token"])
    assert Client().get(url).status_code == 404


def test_portal_shows_the_secret_address_in_both_forms(expert, expert_client):
    html = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    token = CalendarFeed.objects.get(expert=expert).token
    assert f"webcal://testserver/calendar/feed/{token}.ics" in html
    assert f"http://testserver/calendar/feed/{token}.ics" in html
    assert "Make a new secret address" in html


def test_reset_service_works_for_an_expert_without_a_feed(expert):
    feed = reset_calendar_feed(expert=expert)
    assert feed.pk and feed.token
