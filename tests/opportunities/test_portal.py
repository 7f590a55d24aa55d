"""The expert's involvement page: what they are asked to, what is coming, what they have been
to, answering invitations, and nobody else's meetings."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.opportunities.models import Invitation
from coproduce.opportunities.queries.portal import involvement_for
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

URL = "opportunities:my_involvement"


def _session(days: int, title: str, **kwargs):
    starts = (timezone.now() + timedelta(days=days)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )
    return SessionFactory(
        opportunity=OpportunityFactory(
            title=title, venue=kwargs.pop("venue", None) or VenueFactory()
        ),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **kwargs,
    )


def test_expert_sees_invitations_meetings_to_come_and_their_history(expert, expert_client):
    venue = VenueFactory(
        name="Shirehall",
        accessibility="Step-free entrance at the back",
        parking="Free parking for blue badge holders",
    )
    venue.meets_needs.set([AccessNeedFactory(name="Hearing loop")])
    asked = _session(10, "Carers' strategy workshop", venue=venue, papers="Agenda to follow")
    coming = _session(20, "Learning disability board")
    been = _session(-30, "Quality visit to Ward 5")
    InvitationFactory(session=asked, expert=expert, status="invited")
    InvitationFactory(session=coming, expert=expert, status="accepted")
    InvitationFactory(
        session=been, expert=expert, status="accepted", attendance="attended", hours=Decimal("3")
    )

    response = expert_client.get(reverse(URL))
    html = response.content.decode()
    assert response.status_code == 200
    asked_part, rest = html.split("Meetings we have asked you to", 1)[1].split(
        "Your next meetings", 1
    )
    coming_part, been_part = rest.split("Meetings you have been to", 1)
    assert "Carers&#39; strategy workshop" in asked_part
    assert "Step-free entrance at the back" in asked_part
    assert "Free parking for blue badge holders" in asked_part
    assert "Hearing loop" in asked_part
    assert "Agenda to follow" in asked_part
    assert "Yes, I can come" in asked_part
    assert "2:30pm" in asked_part
    assert (
        asked.starts_at.astimezone(timezone.get_current_timezone()).strftime("%A")
    ) in asked_part
    assert "Learning disability board" in coming_part
    assert "You are going to this meeting" in coming_part
    assert "Quality visit to Ward 5" in been_part
    assert "3 hours" in been_part


def test_one_meeting_of_one_hour_reads_in_the_singular(expert, expert_client):
    been = _session(-30, "Quality visit to Ward 5")
    InvitationFactory(
        session=been, expert=expert, status="accepted", attendance="attended", hours=Decimal("1")
    )

    html = expert_client.get(reverse(URL)).content.decode()

    been_part = html.split("Meetings you have been to", 1)[1]
    assert "You have been to 1 meeting with us. That is 1 hour of your time." in been_part
    assert ", 1 hour" in been_part
    assert "1 hours" not in html and "1 meetings" not in html


def test_expert_sees_nobody_elses_meetings(expert_client):
    someone = ExpertFactory()
    InvitationFactory(session=_session(5, "Someone else's panel"), expert=someone)
    html = expert_client.get(reverse(URL)).content.decode()
    assert "Someone else" not in html
    assert "We have not asked you to any meetings right now" in html


def test_expert_cannot_answer_another_experts_invitation(expert_client):
    other = InvitationFactory(session=_session(5, "Panel"), status="invited")
    response = expert_client.post(
        reverse("opportunities:answer_invitation", args=[other.pk]), {"answer": "yes"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "invited"


def test_expert_says_yes_from_their_page(expert, expert_client):
    invitation = InvitationFactory(session=_session(5, "Panel"), expert=expert, status="invited")
    response = expert_client.post(
        reverse("opportunities:answer_invitation", args=[invitation.pk]),
        {"answer": "yes"},
        follow=True,
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert "Thank you. You are coming to Panel" in response.content.decode()


def test_expert_says_no_from_their_page(expert, expert_client):
    invitation = InvitationFactory(session=_session(5, "Panel"), expert=expert, status="invited")
    response = expert_client.post(
        reverse("opportunities:answer_invitation", args=[invitation.pk]),
        {"answer": "no"},
        follow=True,
    )
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert "you cannot come to Panel" in response.content.decode()


def test_an_answer_that_cannot_be_taken_is_explained(expert, expert_client):
    invitation = InvitationFactory(session=_session(5, "Panel"), expert=expert, status="declined")
    response = expert_client.post(
        reverse("opportunities:answer_invitation", args=[invitation.pk]),
        {"answer": "no"},
        follow=True,
    )
    assert response.status_code == 200
    assert "already said no" in response.content.decode()


def test_portal_costs_the_same_queries_for_one_meeting_or_many(expert, expert_client):
    def add(n: int) -> None:
        for i in range(n):
            venue = VenueFactory()
            venue.meets_needs.set([AccessNeedFactory()])
            InvitationFactory(session=_session(3 + i, f"Invited {i}", venue=venue), expert=expert)
            InvitationFactory(
                session=_session(30 + i, f"Coming {i}", venue=venue),
                expert=expert,
                status="accepted",
            )
            InvitationFactory(
                session=_session(-30 - i, f"Been {i}"),
                expert=expert,
                status="accepted",
                attendance="attended",
                hours=Decimal("2"),
            )

    add(1)
    expert_client.get(reverse(URL))
    with CaptureQueriesContext(connection) as few:
        expert_client.get(reverse(URL))
    add(12)
    with CaptureQueriesContext(connection) as many:
        expert_client.get(reverse(URL))
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_history_counts_attended_and_unrecorded_places_but_not_missed_ones(expert):
    InvitationFactory(
        session=_session(-3, "Came"),
        expert=expert,
        status="accepted",
        attendance="attended",
        hours=Decimal("2.5"),
    )
    InvitationFactory(session=_session(-4, "Not yet recorded"), expert=expert, status="accepted")
    InvitationFactory(
        session=_session(-5, "Missed"),
        expert=expert,
        status="accepted",
        attendance="did_not_attend",
    )
    InvitationFactory(session=_session(-6, "Said no"), expert=expert, status="declined")
    involvement = involvement_for(expert)
    assert [i.session.opportunity.title for i in involvement.history] == [
        "Came",
        "Not yet recorded",
    ]
    assert involvement.history_total == 2
    assert involvement.hours_total == Decimal("2.5")


def test_cancelled_meeting_with_a_place_shows_as_cancelled(expert, expert_client):
    InvitationFactory(
        session=_session(6, "Board", status="cancelled"), expert=expert, status="accepted"
    )
    invited = InvitationFactory(session=_session(7, "Old panel", status="cancelled"), expert=expert)
    html = expert_client.get(reverse(URL)).content.decode()
    assert "This meeting is cancelled" in html
    # An invitation to a cancelled meeting is not waiting for an answer.
    assert f"/me/involvement/{invited.pk}/answer/" not in html


def test_expert_home_goes_to_my_involvement(expert_client):
    response = expert_client.get(reverse("home"))
    assert response["Location"] == reverse(URL)


def test_nav_shows_my_involvement_first(expert_client):
    html = expert_client.get(reverse(URL)).content.decode()
    assert html.index("My involvement") < html.index("My profile")


def test_invitation_count_unchanged_by_viewing(expert, expert_client):
    InvitationFactory(session=_session(5, "Panel"), expert=expert)
    expert_client.get(reverse(URL))
    assert Invitation.objects.get(expert=expert).status == "invited"
