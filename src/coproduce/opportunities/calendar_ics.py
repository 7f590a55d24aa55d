"""Calendars as .ics files: an expert's private feed and the whole calendar of meetings.

Every event for a session has the same UID (the session's `uid`) and its SEQUENCE, so that a
calendar app that already has a meeting replaces it when it changes or is cancelled."""

from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.ics import event_uid, where
from coproduce.opportunities.models import Session
from coproduce.payments.queries.fees import FeeTable, pay_words

PRODID = "-//Coproduce//Calendar//EN"


def _utc(value):
    return value.astimezone(UTC)


def session_event(
    session: Session, *, details: bool = True, prices: FeeTable | None = None
) -> Event:
    """One session as a calendar event. `details` adds access, parking, papers, how to join
    online and what it pays: for an expert's own feed, not the calendar everyone sees."""
    opportunity = session.opportunity
    venue = session.venue or opportunity.venue
    event = Event()
    event.add("uid", event_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", _utc(session.updated_at or timezone.now()))
    event.add("dtstart", _utc(session.starts_at))
    event.add("dtend", _utc(session.ends_at))
    event.add("summary", opportunity.title)
    location = where(session)
    if location:
        event.add("location", location)
    lines = []
    if details:
        if venue is not None and venue.accessibility:
            lines.append(f"Access: {venue.accessibility}")
        if venue is not None and venue.parking:
            lines.append(f"Parking: {venue.parking}")
        if opportunity.online_details:
            lines.append(f"Joining online: {opportunity.online_details}")
        if session.papers:
            lines.append(f"Papers: {session.papers}")
        prices = prices or FeeTable()
        paid = opportunity.paid
        worked = prices.fee_for(opportunity, session) if paid else None
        lines.append(f"Payment: {pay_words(worked, paid=paid)}")
    if lines:
        event.add("description", "\n\n".join(lines))
    cancelled = session.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def build_calendar(sessions: Iterable[Session], *, name: str, details: bool = True) -> bytes:
    """A whole calendar to publish or subscribe to (METHOD:PUBLISH)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    prices = FeeTable() if details else None
    for session in sessions:
        calendar.add_component(session_event(session, details=details, prices=prices))
    return calendar.to_ical()
