"""One calendar builder: the entry attached to an invitation, an expert's feed and the calendar
everyone downloads agree on PRODID, time zone and description, and every one parses."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from coproduce.opportunities.ics import PRODID, build_calendar, description, session_calendar
from tests.factories import OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def session():
    venue = VenueFactory(name="Shirehall", accessibility="Step-free entrance", parking="Car park B")
    opportunity = OpportunityFactory(
        title="Board", description="Talk about the new service.", venue=venue
    )
    # Summer time, so a UTC time would read an hour out if the zone were lost.
    starts = datetime(2030, 7, 2, 10, 0, tzinfo=LONDON)
    return SessionFactory(
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        papers="Agenda attached",
    )


def _outputs(session) -> dict[str, Calendar]:
    return {
        "invitation": Calendar.from_ical(session_calendar(session)),
        "feed": Calendar.from_ical(build_calendar([session], name="My meetings")),
        "everyone": Calendar.from_ical(build_calendar([session], name="Meetings", details=False)),
    }


def test_every_calendar_has_the_same_stable_prodid_and_london_times(session):
    for name, calendar in _outputs(session).items():
        assert str(calendar["PRODID"]) == PRODID == "-//Coproduce//Calendar//EN", name
        assert str(calendar["VERSION"]) == "2.0", name
        (event,) = calendar.walk("VEVENT")
        for field in ("DTSTART", "DTEND"):
            assert event[field].params["TZID"] == "Europe/London", (name, field)
        assert event.decoded("DTSTART") == datetime(2030, 7, 2, 10, 0, tzinfo=LONDON), name
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0), name
        (zone,) = calendar.walk("VTIMEZONE")
        assert str(zone["TZID"]) == "Europe/London", name


def test_the_invitation_and_the_feed_describe_a_session_in_the_same_words(session):
    outputs = _outputs(session)
    descriptions = {
        name: str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
        for name, calendar in outputs.items()
        if name != "everyone"
    }
    assert descriptions["invitation"] == descriptions["feed"] == description(session)
    assert descriptions["feed"].startswith("Talk about the new service.\n\nAccess: Step-free")
    assert "Parking: Car park B\n\nPapers: Agenda attached\n\nPayment: " in descriptions["feed"]
    assert "DESCRIPTION" not in outputs["everyone"].walk("VEVENT")[0]
