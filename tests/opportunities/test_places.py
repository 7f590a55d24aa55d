"""The team's pages: check who is being invited, send, watch progress, and see each session's
places with the waiting list in order. Only the team may use them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from coproduce.core import sms
from coproduce.core.formats import long_date
from coproduce.opportunities.models import Invitation, InviteRun
from coproduce.opportunities.services import invitations as services
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_team_checks_then_sends_invitations_and_sees_progress(
    coordinator_client, django_capture_on_commit_callbacks
):
    opportunity = OpportunityFactory()
    upcoming = SessionFactory(opportunity=opportunity)
    SessionFactory(opportunity=opportunity, starts_at=timezone.now() - timedelta(days=2))
    experts = ExpertFactory.create_batch(2)
    url = reverse("opportunities:invite", args=[opportunity.pk])
    chosen = {"expert": [e.pk for e in experts]}

    check = coordinator_client.post(url, chosen)
    assert check.status_code == 200
    assert check.context["sessions"] == [upcoming]  # past sessions are left out by default
    assert not Invitation.objects.exists()
    page = check.content.decode()
    assert escape(experts[0].full_name) in page and "2 invitations will be sent" in page

    with django_capture_on_commit_callbacks(execute=True):
        sent = coordinator_client.post(url, {**chosen, "confirm": "yes"})
    run = InviteRun.objects.get()
    assert sent["Location"] == reverse("opportunities:invite_run", args=[run.pk])
    assert len(mail.outbox) == 2

    progress = coordinator_client.get(sent["Location"]).content.decode()
    assert "2 of 2 sent" in progress
    assert 'http-equiv="refresh"' not in progress


def test_the_progress_page_offers_to_check_again_while_sending(coordinator_client, coordinator):
    run = InviteRun.objects.create(
        opportunity=OpportunityFactory(),
        created_by=coordinator,
        total=40,
        sent=12,
        state=InviteRun.State.SENDING,
    )
    page = coordinator_client.get(
        reverse("opportunities:invite_run", args=[run.pk])
    ).content.decode()
    assert "12 of 40 sent" in page
    # A timed refresh fails WCAG 2.2.1 (axe finds it against the production server, where
    # sending is left to the worker); the coordinator reloads the page from a link instead.
    assert 'http-equiv="refresh"' not in page
    url = reverse("opportunities:invite_run", args=[run.pk])
    assert f'<a href="{url}">Check how many are sent</a>' in page


def test_inviting_a_paused_expert_shows_why_and_invites_nobody(coordinator_client):
    opportunity = OpportunityFactory()
    SessionFactory(opportunity=opportunity)
    paused = ExpertFactory(full_name="Pat Paused", status="paused")

    response = coordinator_client.post(
        reverse("opportunities:invite", args=[opportunity.pk]),
        {"expert": [paused.pk], "confirm": "yes"},
    )

    assert response.status_code == 200
    assert "Pat Paused is paused, so cannot be invited" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["staff_client", "expert_client", "finance_client"])
def test_only_the_team_can_invite(request, who):
    opportunity = OpportunityFactory()
    SessionFactory(opportunity=opportunity)
    client = request.getfixturevalue(who)
    response = client.post(
        reverse("opportunities:invite", args=[opportunity.pk]),
        {"expert": [ExpertFactory().pk], "confirm": "yes"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_places_page_lists_everyone_with_the_waiting_list_in_order(
    coordinator_client, django_assert_max_num_queries
):
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    holder = InvitationFactory(session=session, status="accepted")
    now = timezone.now()
    second = InvitationFactory(session=session, status="waiting", waiting_since=now)
    first = InvitationFactory(
        session=session, status="waiting", waiting_since=now - timedelta(hours=1)
    )
    InvitationFactory.create_batch(10, session=session)
    InvitationFactory(session=session, status="declined")

    with django_assert_max_num_queries(12):
        response = coordinator_client.get(
            reverse("opportunities:session_places", args=[session.pk])
        )

    by_status = response.context["by_status"]
    assert by_status["accepted"] == [holder]
    assert by_status["waiting"] == [first, second]
    assert len(by_status["invited"]) == 10
    assert response.context["free"] == 0


def test_cancelling_for_an_expert_gives_the_place_to_the_next(
    coordinator_client, django_capture_on_commit_callbacks
):
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    holder, waiting = InvitationFactory.create_batch(2, session=session)
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("opportunities:invitation_cancel", args=[holder.pk]), follow=True
        )

    assert escape(f"{holder.expert.full_name}'s place is cancelled") in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "accepted"


def test_withdrawing_after_the_meeting_is_refused_with_a_message(coordinator_client):
    invitation = InvitationFactory(
        session=SessionFactory(starts_at=timezone.now() - timedelta(hours=3))
    )
    response = coordinator_client.post(
        reverse("opportunities:invitation_withdraw", args=[invitation.pk]), follow=True
    )
    assert "This meeting has already happened" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_the_places_page_shows_0_free_places_when_every_place_is_taken(coordinator_client):
    # The summary list's macro shows nothing for a value of 0 (falsy), so the page gives it
    # the words, not the number.
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    InvitationFactory(session=session, status="accepted")

    page = coordinator_client.get(
        reverse("opportunities:session_places", args=[session.pk])
    ).content.decode()

    free = re.search(r"Free places\s*</dt>\s*<dd[^>]*>\s*(.*?)\s*</dd>", page, re.S)
    assert free is not None and free.group(1) == "0"


def test_the_places_page_shows_0_coming_when_nobody_has_a_place(coordinator_client):
    session = SessionFactory(opportunity=OpportunityFactory(places=2))

    page = coordinator_client.get(
        reverse("opportunities:session_places", args=[session.pk])
    ).content.decode()

    coming = re.search(r"Coming\s*</dt>\s*<dd[^>]*>\s*(.*?)\s*</dd>", page, re.S)
    assert coming is not None and coming.group(1) == "0"


def test_cancelling_a_place_asks_first_and_says_who_gets_the_place(coordinator_client):
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    holder = InvitationFactory(
        session=session, status="accepted", expert=ExpertFactory(full_name="Jo Bloggs")
    )
    now = timezone.now()
    InvitationFactory(
        session=session,
        status="waiting",
        waiting_since=now,
        expert=ExpertFactory(full_name="Sam Later"),
    )
    InvitationFactory(
        session=session,
        status="waiting",
        waiting_since=now - timedelta(hours=1),
        expert=ExpertFactory(full_name="Ann Longest"),
    )
    url = reverse("opportunities:invitation_cancel", args=[holder.pk])

    response = coordinator_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    day = long_date(session.starts_at)
    assert f"<h1>Cancel Jo Bloggs's place at the meeting on {day}?</h1>" in page
    assert "Jo Bloggs will be told by email" in page
    assert "The place will go to Ann Longest, who has waited longest" in page
    assert f'<form method="post" action="{url}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Cancel place" in page
    places = reverse("opportunities:session_places", args=[session.pk])
    assert f'<a href="{places}">No, go back to the places</a>' in page
    holder.refresh_from_db()
    assert holder.status == "accepted"
    assert not mail.outbox


def test_the_places_page_links_to_the_question_rather_than_cancelling_at_once(coordinator_client):
    holder = InvitationFactory(status="accepted")
    page = coordinator_client.get(
        reverse("opportunities:session_places", args=[holder.session_id])
    ).content.decode()
    url = reverse("opportunities:invitation_cancel", args=[holder.pk])
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page


def test_with_nobody_waiting_the_question_says_the_place_will_be_free(coordinator_client):
    holder = InvitationFactory(status="accepted")
    page = coordinator_client.get(
        reverse("opportunities:invitation_cancel", args=[holder.pk])
    ).content.decode()
    assert "Nobody is on the waiting list, so the place will be free" in page


def test_asking_to_cancel_when_there_is_no_place_goes_back_with_a_message(coordinator_client):
    invitation = InvitationFactory(status="declined", expert=ExpertFactory(full_name="Jo Bloggs"))
    response = coordinator_client.get(
        reverse("opportunities:invitation_cancel", args=[invitation.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "opportunities:session_places", args=[invitation.session_id]
    )
    assert "Jo Bloggs has no place to cancel" in response.content.decode()


def test_the_expert_whose_place_the_team_cancels_is_told_by_email_and_text(
    coordinator_client, django_capture_on_commit_callbacks, settings
):
    sms.outbox.clear()
    session = SessionFactory(opportunity=OpportunityFactory(title="Carers' forum"))
    expert = ExpertFactory(
        preferred_name="Jo", email="jo@example.net", preferred_channel="text", phone="+447700900123"
    )
    holder = InvitationFactory(session=session, status="accepted", expert=expert)

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("opportunities:invitation_cancel", args=[holder.pk]))

    holder.refresh_from_db()
    assert holder.status == "cancelled"
    (message,) = mail.outbox
    day = long_date(session.starts_at)
    assert message.to == ["jo@example.net"]
    assert message.subject == f"Your place is cancelled: Carers' forum, {day}"
    assert "Hello Jo," in message.body
    assert "We have cancelled your place at this meeting" in message.body
    assert f"When: {day}" in message.body
    assert f"email {settings.INVOLVEMENT_TEAM_EMAIL}" in message.body
    html = message.alternatives[0][0]
    assert "Your place is cancelled" in html and settings.INVOLVEMENT_TEAM_EMAIL in html
    (text,) = sms.outbox
    assert text.to == "+447700900123"
    assert "cancelled your place at Carers' forum" in text.body
    assert settings.INVOLVEMENT_TEAM_EMAIL in text.body
    sms.outbox.clear()


def test_an_expert_who_cancels_their_own_place_gets_no_cancellation_email(
    django_capture_on_commit_callbacks,
):
    holder = InvitationFactory(status="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(invitation=holder, by=holder.expert.user)
    assert not [m for m in mail.outbox if m.subject.startswith("Your place is cancelled")]


@pytest.mark.parametrize("who", ["staff_client", "expert_client", "finance_client"])
def test_only_the_team_can_cancel_an_experts_place(request, who):
    holder = InvitationFactory(status="accepted")
    client = request.getfixturevalue(who)
    response = client.post(reverse("opportunities:invitation_cancel", args=[holder.pk]))
    assert response.status_code == 403
    holder.refresh_from_db()
    assert holder.status == "accepted"
