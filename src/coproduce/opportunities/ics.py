"""Calendar entries (.ics) for sessions, made in one place with icalendar: the entry attached to
each invitation email, an expert's private feed and the calendar of meetings everyone sees.

All three carry the same PRODID, give times in Europe/London with the zone's rules (a VTIMEZONE),
so a calendar app shows the meeting at the time on the letter even across a clock change, and
describe a session in the same words. Every entry for a session carries the session's `uid` and
its `sequence`, which the sessions part raises on each change: a calendar app replaces the entry
it holds when an update (METHOD:REQUEST), a cancellation (METHOD:CANCEL) or a feed (METHOD:PUBLISH)
arrives with the same UID and a higher SEQUENCE."""

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parseaddr
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.models import Session
from coproduce.opportunities.pay import fee_for, fee_table, pay_words

if TYPE_CHECKING:  # for the type checker only (see coproduce.opportunities.pay)
    from coproduce.payments.queries.fees import FeeTable

PRODID = "-//Coproduce//Calendar//EN"
LONDON = ZoneInfo("Europe/London")


CONFIDENTIAL_SUMMARY = "Confidential meeting"
CONFIDENTIAL_DESCRIPTION = (
    "This is confidential work. Sign in to see the details on your involvement page."
)


def event_uid(session: Session) -> str:
    return f"{session.uid}@coproduce"


def where(session: Session) -> str:
    """The venue in one line, or how to join online."""
    venue = session.venue or session.opportunity.venue
    if venue is None:
        return "Online" if session.opportunity.online_details else ""
    parts = [venue.name, " ".join(venue.address.split()), venue.postcode]
    return ", ".join(p for p in parts if p)


def description(session: Session, *, prices: "FeeTable | None" = None) -> str:
    """What the meeting is, how to get in, park and join, its papers, what it pays and whom to
    ask, a blank line between each. `prices` works out the fee without a query (for a feed)."""
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
    fee = (prices.fee_for if prices else fee_for)(opportunity, session) if paid else None
    lines += ["", f"Payment: {pay_words(fee, paid=paid)}"]
    lines += ["", f"Questions: {settings.INVOLVEMENT_TEAM_EMAIL}"]
    return "\n".join(lines)


def session_event(
    session: Session,
    *,
    cancelled: bool,
    stamped_at: datetime,
    details: bool = True,
    prices: "FeeTable | None" = None,
) -> Event:
    """One session as a calendar event. `details` adds the description (access, parking,
    papers, how to join online and what it pays): not for the calendar everyone sees."""
    event = Event()
    event.add("uid", event_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", stamped_at.astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    confidential = session.opportunity.confidential
    # Confidential work shows only that there is a meeting, when and where: calendars are
    # often shared or seen on a locked phone. The details are in the expert's portal.
    event.add("summary", CONFIDENTIAL_SUMMARY if confidential else session.opportunity.title)
    location = where(session)
    if location:
        event.add("location", location)
    if details:
        event.add(
            "description",
            CONFIDENTIAL_DESCRIPTION if confidential else description(session, prices=prices),
        )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


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
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    event = session_event(session, cancelled=cancelled, stamped_at=timezone.now())
    event["organizer"] = _organizer()
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["CN"] = vText(attendee_name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        # Answers come through the links in the email, not the calendar app's buttons.
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build_calendar(sessions: Iterable[Session], *, name: str, details: bool = True) -> bytes:
    """A whole calendar to publish or subscribe to (METHOD:PUBLISH). An event is stamped with
    when its session last changed, so the feed reads the same until something does."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    prices = fee_table() if details else None
    for session in sessions:
        event = session_event(
            session,
            cancelled=session.status == SessionStatus.CANCELLED,
            stamped_at=session.updated_at or timezone.now(),
            details=details,
            prices=prices,
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
