"""Every email about an invitation has an HTML version as well as the plain text, for people
who read on a phone: large text, the meeting's details, and the answer links as big buttons
that go to the same place as the links in the text. The calendar entry stays attached."""

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from coproduce.opportunities import answer_links, notify
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services import invitations as services
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    VenueFactory,
)
from tests.opportunities.invitation_helpers import LINK

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SCRIPT = '<script>alert("hi")</script>'


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def _answer_links_in_html(html: str) -> dict[str, str]:
    """{"accept": full URL, ...} from the hrefs of the HTML, with entities decoded."""
    parser = _Links()
    parser.feed(html)
    return {m["answer"]: m[0] for href in parser.hrefs if (m := LINK.fullmatch(href))}


def _answer_links_in_text(text: str) -> dict[str, str]:
    return {m["answer"]: m[0] for m in LINK.finditer(text)}


def _parts(message) -> tuple[str, str, Calendar]:
    """The plain text, the HTML and the calendar of a parsed email, checking they are laid
    out as mail apps expect: the two versions of the words as alternatives, the .ics beside."""
    assert message.get_content_type() == "multipart/mixed"
    body, calendar = message.get_payload()
    assert body.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in body.get_payload()] == ["text/plain", "text/html"]
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_filename() == "meeting.ics"
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
        Calendar.from_ical(calendar.get_content()),
    )


def _parsed(sent) -> object:
    """An outbox message as the bytes that would go over the wire, parsed back."""
    return message_from_bytes(sent.message().as_bytes(), policy=policy.default)


@pytest.fixture
def session():
    venue = VenueFactory(
        name=f"Shirehall {SCRIPT}",
        address="Abbey Foregate\nShrewsbury",
        postcode="SY2 6ND",
        accessibility="Step-free entrance\nHearing loop at reception",
        parking="Blue badge spaces",
    )
    opportunity = OpportunityFactory(
        title="Carers & families workshop", venue=venue, places=3, description="Tea & talk"
    )
    starts = datetime(2030, 3, 5, 14, 30, tzinfo=LONDON)
    return SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )


def _invited(session, status="invited") -> tuple[Invitation, str]:
    invitation = InvitationFactory(
        session=session, status=status, expert=ExpertFactory(preferred_name="Nia")
    )
    return invitation, answer_links.issue_answer_link(invitation=invitation)


KINDS = {
    # kind: (how to send it, invitation status, answer links it offers, calendar method)
    "invitation": (notify.send_invitation, "invited", {"accept", "decline"}, "REQUEST"),
    "place given": (notify.send_place_given, "accepted", {"cancel"}, "REQUEST"),
    "changed, not yet answered": (
        notify.send_session_changed,
        "invited",
        {"accept", "decline"},
        "REQUEST",
    ),
    "changed, with a place": (notify.send_session_changed, "accepted", {"cancel"}, "REQUEST"),
    "changed, waiting": (notify.send_session_changed, "waiting", {"cancel"}, "REQUEST"),
    "session cancelled": (
        lambda invitation, token: notify.send_session_cancelled(invitation),
        "accepted",
        set(),
        "CANCEL",
    ),
    "invitation withdrawn": (
        lambda invitation, token: notify.send_withdrawn(invitation),
        "invited",
        set(),
        "CANCEL",
    ),
    "place cancelled by the team": (
        lambda invitation, token: notify.send_place_cancelled(invitation),
        "cancelled",
        set(),
        "CANCEL",
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_invitation_email_has_text_html_and_the_calendar_entry(kind, session):
    send, status, answers, method = KINDS[kind]
    invitation, token = _invited(session, status)

    assert send(invitation, token) == ""

    (sent,) = mail.outbox
    text, html, calendar = _parts(_parsed(sent))
    assert calendar["METHOD"] == method
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{session.uid}@coproduce"
    assert event["SEQUENCE"] == session.sequence


@pytest.mark.parametrize("kind", KINDS)
def test_the_html_links_go_where_the_text_links_go(kind, session):
    send, status, answers, _ = KINDS[kind]
    invitation, token = _invited(session, status)

    send(invitation, token)

    text, html, _ = _parts(_parsed(mail.outbox[0]))
    in_text = _answer_links_in_text(text)
    assert set(in_text) == answers
    assert _answer_links_in_html(html) == in_text
    assert all(f"/invitations/answer/{token}/" in url for url in in_text.values())


@pytest.mark.parametrize("kind", KINDS)
def test_the_html_is_english_titled_and_escapes_what_people_typed(kind, session):
    send, status, _, _ = KINDS[kind]
    invitation, token = _invited(session, status)

    send(invitation, token)

    (sent,) = mail.outbox
    _, html, _ = _parts(_parsed(sent))
    assert '<html lang="en-GB">' in html
    assert f"<title>{sent.subject.replace('&', '&amp;')}</title>" in html
    assert "<script" not in html
    assert "Shirehall &lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;" in html
    assert "Carers &amp; families workshop" in html
    assert "Tuesday 5 March 2030" in html
    assert "2:30pm to 4:30pm" in html
    assert "Hello Nia," in html
    assert "<img" not in html


def test_the_html_invitation_gives_access_and_parking_and_big_labelled_answer_buttons(session):
    invitation, token = _invited(session)

    notify.send_invitation(invitation, token)

    _, html, _ = _parts(_parsed(mail.outbox[0]))
    assert "Step-free entrance<br>Hearing loop at reception" in html
    assert "Blue badge spaces" in html
    assert ">Yes, I can come</a>" in html
    assert ">No, I cannot come</a>" in html
    assert "font-size:19px" in html
    assert "font-size:22px" in html  # the buttons' words


def test_an_invitation_by_real_email_has_text_html_and_calendar_parts_and_the_button_works(
    coordinator, session, smtp_server, client, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(preferred_name="Nia", email="nia@example.net")

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_experts(actor=coordinator, sessions=[session], experts=[expert])

    ((recipients, message),) = smtp_server.messages
    assert recipients == ["nia@example.net"]
    kinds = [part.get_content_type() for part in message.walk()]
    assert kinds == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    text, html, calendar = _parts(message)
    assert "When: Tuesday 5 March 2030, 2:30pm to 4:30pm" in text
    assert '<html lang="en-GB">' in html
    assert "Shirehall &lt;script&gt;" in html
    assert calendar["METHOD"] == "REQUEST"
    links = _answer_links_in_html(html)
    assert links == _answer_links_in_text(text)

    client.post(urlsplit(links["accept"]).path, {"answer": "accept"})

    assert Invitation.objects.get(expert=expert).status == "accepted"
