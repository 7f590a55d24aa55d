"""Answer links from an email: they work without signing in, only answer when the button is
pressed, work once, expire, show tampering, and are refused after the meeting."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coproduce.opportunities import answer_links
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services import invitations as services
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    VenueFactory,
    expert_with_account,
)

pytestmark = pytest.mark.django_db


def _url(token: str, answer: str = "") -> str:
    url = reverse("opportunities:invitation_answer", args=[token])
    return f"{url}?answer={answer}" if answer else url


@pytest.fixture
def invitation():
    venue = VenueFactory(
        name="Shirehall",
        accessibility="Step-free entrance at the front. Hearing loop in Room 2.",
        parking="Free blue badge spaces by the main door.",
    )
    opportunity = OpportunityFactory(title="Carers' assessment workshop", venue=venue, places=2)
    session = SessionFactory(
        opportunity=opportunity,
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=7),
    )
    return InvitationFactory(session=session)


def test_opening_the_link_shows_the_meeting_and_does_not_answer(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)

    response = anonymous_client.get(_url(token, "accept"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Can you come to this meeting?" in page
    assert "Carers&#39; assessment workshop" in page
    assert "Step-free entrance at the front" in page
    assert "Free blue badge spaces" in page
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert invitation.answer_token_used_at is None


def test_the_page_reads_dates_and_times_the_house_way(anonymous_client, invitation):
    session = invitation.session
    from datetime import datetime
    from zoneinfo import ZoneInfo

    session.starts_at = datetime(2030, 3, 5, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    token = answer_links.issue_answer_link(invitation=invitation)

    page = anonymous_client.get(_url(token, "accept")).content.decode()

    assert "Tuesday 5 March 2030" in page
    assert "2:30pm to 4:30pm" in page


def test_pressing_yes_accepts_without_signing_in(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)

    response = anonymous_client.post(_url(token), {"answer": "accept"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    done = anonymous_client.get(response["Location"])
    assert "You have a place" in done.content.decode()


def test_pressing_no_declines(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)

    page = anonymous_client.get(_url(token, "decline")).content.decode()
    assert page.index("No, I cannot come") < page.index("Yes, I can come")
    anonymous_client.post(_url(token), {"answer": "decline"})

    invitation.refresh_from_db()
    assert invitation.status == "declined"


def test_a_used_link_says_you_have_already_answered_and_changes_nothing(
    anonymous_client, invitation
):
    token = answer_links.issue_answer_link(invitation=invitation)
    anonymous_client.post(_url(token), {"answer": "accept"})

    again = anonymous_client.post(_url(token), {"answer": "decline"})

    assert "You have already answered" in again.content.decode()
    assert "You have a place at this meeting" in again.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert "You have already answered" in anonymous_client.get(_url(token)).content.decode()


def test_an_expired_link_says_so_and_changes_nothing(anonymous_client):
    session = SessionFactory(starts_at=timezone.now() + timedelta(days=30))
    invitation = InvitationFactory(session=session)
    token = answer_links.issue_answer_link(invitation=invitation)

    with time_machine.travel(timezone.now() + timedelta(days=answer_links.LINK_DAYS, minutes=1)):
        opened = anonymous_client.get(_url(token, "accept"))
        pressed = anonymous_client.post(_url(token), {"answer": "accept"})

    assert "This link has expired" in opened.content.decode()
    assert "This link has expired" in pressed.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_a_changed_link_does_not_work(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)
    other = InvitationFactory(session=invitation.session)
    answer_links.issue_answer_link(invitation=other)
    # Someone edits the invitation number in the link to answer for another person.
    value, stamp, signature = token.split(":")
    forged = f"{other.pk}.{value.split('.', 1)[1]}:{stamp}:{signature}"

    for bad in (forged, token[:-2] + "xx", "nonsense"):
        response = anonymous_client.post(_url(bad), {"answer": "accept"})
        assert "This link does not work" in response.content.decode()

    assert set(Invitation.objects.values_list("status", flat=True)) == {"invited"}


def test_an_older_link_is_replaced_by_a_newer_one(anonymous_client, invitation):
    old = answer_links.issue_answer_link(invitation=invitation)
    answer_links.issue_answer_link(invitation=invitation)

    response = anonymous_client.post(_url(old), {"answer": "accept"})

    assert "This link has been replaced by a newer one" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_declining_after_the_meeting_says_it_has_already_happened(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)

    with time_machine.travel(invitation.session.starts_at + timedelta(hours=1)):
        response = anonymous_client.post(_url(token), {"answer": "decline"})

    assert "This meeting has already happened" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_a_link_to_a_cancelled_meeting_says_so(anonymous_client, invitation):
    token = answer_links.issue_answer_link(invitation=invitation)
    invitation.session.status = "cancelled"
    invitation.session.save()

    response = anonymous_client.get(_url(token, "accept"))

    assert "This meeting has been cancelled" in response.content.decode()
    assert "Yes, I can come" not in response.content.decode()


def test_a_full_meeting_puts_the_person_on_the_waiting_list(anonymous_client, invitation):
    for other in InvitationFactory.create_batch(2, session=invitation.session):
        services.accept_invitation(invitation=other)
    token = answer_links.issue_answer_link(invitation=invitation)

    response = anonymous_client.post(_url(token), {"answer": "accept"}, follow=True)

    assert "You are on the waiting list" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "waiting"


def test_someone_with_a_place_can_give_it_back_with_the_link_from_a_later_email(
    anonymous_client, invitation
):
    services.accept_invitation(invitation=invitation)
    token = answer_links.issue_answer_link(invitation=invitation)

    page = anonymous_client.get(_url(token, "cancel")).content.decode()
    assert "Cancel your place?" in page
    anonymous_client.post(_url(token), {"answer": "cancel"})

    invitation.refresh_from_db()
    assert invitation.status == "cancelled"


def test_an_expert_signed_in_cannot_answer_someone_elses_invitation(client, invitation):
    other = expert_with_account()
    client.force_login(other.user)
    token = answer_links.issue_answer_link(invitation=invitation)

    assert client.get(_url(token, "accept")).status_code == 403
    assert client.post(_url(token), {"answer": "accept"}).status_code == 403

    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_the_expert_signed_in_as_themselves_can_use_their_own_link(client):
    expert = expert_with_account()
    invitation = InvitationFactory(expert=expert)
    client.force_login(expert.user)
    token = answer_links.issue_answer_link(invitation=invitation)

    client.post(_url(token), {"answer": "accept"})

    invitation.refresh_from_db()
    assert invitation.status == "accepted"
