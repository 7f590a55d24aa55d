"""Calendar entries (.ics) for a session, made with icalendar, that Outlook and phone calendars
open. Every entry for a session carries the session's `uid`, and its `sequence`, which the
sessions part raises on each change: a calendar app replaces the entry it holds when an update
(METHOD:REQUEST) or a cancellation (METHOD:CANCEL) arrives with the same UID and a higher
SEQUENCE."""

from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from coproduce.opportunities.models import Session
from coproduce.payments.queries.fees import fee_for, pay_words

PRODID = "-//Coproduce//Invitations//EN"
LONDON = ZoneInfo("Europe/London")


def event_uid(session: Session) -> str:
    return f"{session.uid}@coproduce"


def where(session: Session) -> str:
    """The venue in one line, or how to join online."""
    venue = session.venue or session.opportunity.venue
    if venue is None:
        return "Online" if session.opportunity.online_details else ""
    parts = [venue.name, " ".join(venue.address.split()), venue.postcode]
    return ", ".join(p for p in parts if p)


def description(session: Session) -> str:
    opportunity = session.opportunity
    venue = session.venue or opportunity.venue
    lines = [opportunity.description]
    if opportunity.online_details:
        lines += ["", f"Joining online: {opportunity.online_details}"]
    if venue and venue.accessibility:
        lines += ["", f"Access: {venue.accessibility}"]
    if venue and venue.parking:
        lines += ["", f"Parking: {venue.parking}"]
    if session.papers:
        lines += ["", f"Papers: {session.papers}"]
    paid = opportunity.paid
    payment = pay_words(fee_for(opportunity, session) if paid else None, paid=paid)
    lines += ["", f"Payment: {payment}"]
    lines += ["", f"Questions: {settings.INVOLVEMENT_TEAM_EMAIL}"]
    return "\n".join(lines)


def _organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = vText(name or settings.ORGANISATION_NAME)
    return organizer


def session_calendar(
    session: Session, *, cancelled: bool = False, attendee_email: str = "", attendee_name: str = ""
) -> bytes:
    """One session as an .ics file: METHOD:REQUEST to add or update it, METHOD:CANCEL (and
    STATUS:CANCELLED) to take it out of the person's calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", event_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    event.add("summary", session.opportunity.title)
    location = where(session)
    if location:
        event.add("location", location)
    event.add("description", description(session))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event["organizer"] = _organizer()
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["CN"] = vText(attendee_name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        # Answers come through the links in the email, not the calendar app's buttons.
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
