"""Calendar entries: invitations arrive by real email with an .ics attached that calendar apps
read, and a change or cancellation replaces the entry (same UID, higher SEQUENCE, and
METHOD:CANCEL for a cancellation)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from coproduce.opportunities.ics import session_calendar
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services import invitations as services
from coproduce.opportunities.signals import session_changed
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    VenueFactory,
)
from tests.opportunities.invitation_helpers import links_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _attached_calendar(message) -> tuple[Calendar, str]:
    """The .ics part of a parsed email, read back with icalendar, and its content type."""
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content()), part["Content-Type"]
    raise AssertionError("No calendar attached")


def _event(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.fixture
def session():
    venue = VenueFactory(
        name="Shirehall",
        address="Abbey Foregate\nShrewsbury",
        postcode="SY2 6ND",
        accessibility="Step-free entrance",
        parking="Blue badge spaces",
    )
    opportunity = OpportunityFactory(title="Carers' assessment workshop", venue=venue, places=3)
    starts = datetime(2030, 3, 5, 14, 30, tzinfo=LONDON)
    return SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )


def test_an_invitation_arrives_by_real_email_with_a_calendar_entry(
    coordinator, session, smtp_server, settings, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(full_name="Nia Jones", preferred_name="Nia", email="nia@example.net")

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_experts(actor=coordinator, sessions=[session], experts=[expert])

    assert len(smtp_server.messages) == 1
    recipients, message = smtp_server.messages[0]
    assert recipients == ["nia@example.net"]
    assert message["Subject"] == "Invitation: Carers' assessment workshop, Tuesday 5 March 2030"
    text = message.get_body(("plain",)).get_content()
    assert "Hello Nia," in text
    assert "When: Tuesday 5 March 2030, 2:30pm to 4:30pm" in text
    assert "Access: Step-free entrance" in text
    assert "Parking: Blue badge spaces" in text
    assert set(links_in(message)) == {"accept", "decline"}

    calendar, content_type = _attached_calendar(message)
    assert "method=REQUEST" in content_type.replace('"', "")
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    assert str(event["UID"]) == f"{session.uid}@coproduce"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime(2030, 3, 5, 14, 30, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") == datetime(2030, 3, 5, 16, 30, tzinfo=LONDON)
    assert str(event["SUMMARY"]) == "Carers' assessment workshop"
    assert str(event["LOCATION"]) == "Shirehall, Abbey Foregate Shrewsbury, SY2 6ND"
    assert "Step-free entrance" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:no-reply@example.org"
    assert str(event["ATTENDEE"]) == "mailto:nia@example.net"
    assert calendar.walk("VTIMEZONE"), "Calendar apps need the time zone's rules"


def test_the_link_in_the_real_email_answers_the_invitation(
    coordinator, session, smtp_server, client, django_capture_on_commit_callbacks
):
    expert = ExpertFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_experts(actor=coordinator, sessions=[session], experts=[expert])
    _, message = smtp_server.messages[0]
    token = links_in(message)["accept"]

    client.post(f"/invitations/answer/{token}/", {"answer": "accept"})

    assert Invitation.objects.get(expert=expert).status == "accepted"


def test_a_change_sends_everyone_involved_an_update_that_replaces_the_entry(
    session, smtp_server, django_capture_on_commit_callbacks
):
    invited = InvitationFactory(session=session)
    accepted = InvitationFactory(session=session, status="accepted")
    InvitationFactory(session=session, status="declined")
    first = _event(Calendar.from_ical(session_calendar(session)))

    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.sequence += 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        session_changed.send(sender=type(session), session=session, cancelled=False)

    assert sorted(r for rs, _ in smtp_server.messages for r in rs) == sorted(
        [invited.expert.email, accepted.expert.email]
    )
    for _, message in smtp_server.messages:
        assert message["Subject"].startswith("Changed: ")
        calendar, _ = _attached_calendar(message)
        assert calendar["METHOD"] == "REQUEST"
        event = _event(calendar)
        assert event["UID"] == first["UID"]
        assert event["SEQUENCE"] > first["SEQUENCE"]
        assert event.decoded("DTSTART") == datetime(2030, 3, 5, 15, 30, tzinfo=LONDON)
    texts = {rs[0]: links_in(m) for rs, m in smtp_server.messages}
    assert set(texts[invited.expert.email]) == {"accept", "decline"}
    assert set(texts[accepted.expert.email]) == {"cancel"}


def test_a_cancellation_takes_the_entry_out_of_calendars(
    session, smtp_server, django_capture_on_commit_callbacks
):
    accepted = InvitationFactory(session=session, status="accepted")
    waiting = InvitationFactory(session=session, status="waiting")
    first = _event(Calendar.from_ical(session_calendar(session)))

    session.status = "cancelled"
    session.sequence += 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        session_changed.send(sender=type(session), session=session, cancelled=True)

    assert sorted(rs[0] for rs, _ in smtp_server.messages) == sorted(
        [accepted.expert.email, waiting.expert.email]
    )
    for _, message in smtp_server.messages:
        assert message["Subject"].startswith("Cancelled: ")
        assert "This meeting is cancelled" in message.get_body(("plain",)).get_content()
        calendar, content_type = _attached_calendar(message)
        assert "method=CANCEL" in content_type.replace('"', "")
        assert calendar["METHOD"] == "CANCEL"
        event = _event(calendar)
        assert event["UID"] == first["UID"]
        assert event["SEQUENCE"] > first["SEQUENCE"]
        assert event["STATUS"] == "CANCELLED"


def test_an_online_session_says_so_instead_of_a_venue():
    opportunity = OpportunityFactory(
        venue=None, format="online", online_details="Teams link to follow"
    )
    session = SessionFactory(opportunity=opportunity, venue=None)

    event = _event(Calendar.from_ical(session_calendar(session)))

    assert str(event["LOCATION"]) == "Online"
    assert "Joining online: Teams link to follow" in str(event["DESCRIPTION"])


def test_email_is_sent_to_the_outbox_with_the_attachment_too(
    coordinator, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_experts(actor=coordinator, sessions=[session], experts=[ExpertFactory()])
    (message,) = mail.outbox
    assert message.attachments[0].get_content_type() == "text/calendar"
