"""Inviting experts, and the state of an invitation from invited to a place, the waiting list,
no, or cancelled: places are never overbooked and the waiting list is served in order."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.core import sms
from coproduce.opportunities.models import Invitation, InviteRun
from coproduce.opportunities.services import invitations as services
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_text_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _session(places=2, **kwargs):
    return SessionFactory(opportunity=OpportunityFactory(places=places), **kwargs)


def test_inviting_creates_invitations_and_sends_each_expert_an_email(
    coordinator, django_capture_on_commit_callbacks
):
    session = _session()
    experts = ExpertFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.invite_experts(actor=coordinator, sessions=[session], experts=experts)

    run.refresh_from_db()
    assert (run.total, run.sent, run.not_sent, run.state) == (3, 3, 0, InviteRun.State.DONE)
    assert Invitation.objects.filter(session=session, status="invited").count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.email for e in experts)
    assert all(i.notified_at for i in Invitation.objects.all())
    assert AuditEvent.objects.filter(action="invited", subject_id=str(experts[0].pk)).exists()


def test_experts_already_invited_are_left_out(coordinator, django_capture_on_commit_callbacks):
    session = _session()
    invited = InvitationFactory(session=session).expert
    new = ExpertFactory()

    with django_capture_on_commit_callbacks(execute=True):
        run = services.invite_experts(actor=coordinator, sessions=[session], experts=[invited, new])

    run.refresh_from_db()
    assert (run.total, run.already_invited, run.sent) == (1, 1, 1)
    assert [m.to for m in mail.outbox] == [[new.email]]


def test_paused_or_left_experts_and_past_sessions_are_refused_with_reasons(coordinator):
    past = _session(starts_at=timezone.now() - timedelta(days=1))
    paused = ExpertFactory(full_name="Pat Paused", status="paused")
    left = ExpertFactory(full_name="Lou Left", status="left")

    with pytest.raises(services.InvitationError) as raised:
        services.invite_experts(actor=coordinator, sessions=[past], experts=[paused, left])

    problems = raised.value.problems
    assert "Pat Paused is paused, so cannot be invited" in problems
    assert "Lou Left has left, so cannot be invited" in problems
    assert any("has already happened" in p for p in problems)
    assert not Invitation.objects.exists()
    assert not InviteRun.objects.exists()


def test_an_expert_who_prefers_texts_gets_a_text_as_well(
    coordinator, django_capture_on_commit_callbacks
):
    session = _session()
    expert = ExpertFactory(preferred_channel="text", phone="+447700900456")
    nobody = ExpertFactory(email="", preferred_channel="email", full_name="No Contact")

    with django_capture_on_commit_callbacks(execute=True):
        run = services.invite_experts(
            actor=coordinator, sessions=[session], experts=[expert, nobody]
        )

    run.refresh_from_db()
    assert [t.to for t in sms.outbox] == ["+447700900456"]
    assert session.opportunity.title in sms.outbox[0].body
    assert "/invitations/answer/" in sms.outbox[0].body
    assert (run.sent, run.not_sent) == (1, 1)
    assert run.problems == [{"expert": "No Contact", "reason": services_reason()}]


def services_reason():
    from coproduce.opportunities.notify import NO_CONTACT

    return NO_CONTACT


def test_progress_is_counted_as_each_invitation_is_sent(
    coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    """The page a coordinator watches reads the run's counts; they move one by one."""
    from coproduce.opportunities import notify

    seen = []
    real = notify.send_invitation

    def watching(invitation, token):
        run = InviteRun.objects.get()
        seen.append((run.state, run.sent))
        return real(invitation, token)

    monkeypatch.setattr(notify, "send_invitation", watching)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_experts(
            actor=coordinator, sessions=[_session()], experts=ExpertFactory.create_batch(3)
        )

    assert seen == [("sending", 0), ("sending", 1), ("sending", 2)]
    assert InviteRun.objects.get().sent == 3


def test_accepting_takes_a_place_until_they_run_out_then_joins_the_waiting_list():
    session = _session(places=2)
    first, second, third = InvitationFactory.create_batch(3, session=session)

    assert services.accept_invitation(invitation=first).status == "accepted"
    assert services.accept_invitation(invitation=second).status == "accepted"
    third = services.accept_invitation(invitation=third)

    assert third.status == "waiting"
    assert third.waiting_since is not None
    assert services.places_taken(session) == 2


def test_when_someone_cancels_the_longest_waiting_gets_the_place_and_is_told(
    django_capture_on_commit_callbacks,
):
    session = _session(places=1)
    holder, asked_second, asked_first = InvitationFactory.create_batch(3, session=session)
    services.accept_invitation(invitation=holder)
    now = timezone.now()
    with time_machine.travel(now):
        services.accept_invitation(invitation=asked_first)
    with time_machine.travel(now + timedelta(minutes=1)):
        services.accept_invitation(invitation=asked_second)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(invitation=holder, by=holder.expert.user)

    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: "cancelled",
        asked_first.pk: "accepted",
        asked_second.pk: "waiting",
    }
    assert [m.to for m in mail.outbox] == [[asked_first.expert.email]]
    assert "A place has come up, and it is yours" in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        action="given a place", subject_id=str(asked_first.expert.pk)
    ).exists()


def test_declining_with_a_place_gives_it_to_the_next_person(django_capture_on_commit_callbacks):
    session = _session(places=1)
    holder, waiting = InvitationFactory.create_batch(2, session=session)
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_invitation(invitation=holder)

    waiting.refresh_from_db()
    assert waiting.status == "accepted"


def test_withdrawing_an_invitation_tells_the_expert_and_frees_the_place(
    coordinator, django_capture_on_commit_callbacks
):
    session = _session(places=1)
    holder, waiting = InvitationFactory.create_batch(2, session=session)
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_invitation(invitation=holder, by=coordinator)

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == ("cancelled", "accepted")
    assert {m.to[0] for m in mail.outbox} == {holder.expert.email, waiting.expert.email}


def test_answers_after_the_meeting_started_are_refused_and_change_nothing():
    invitation = InvitationFactory()
    with time_machine.travel(invitation.session.starts_at + timedelta(minutes=5)):
        for answer in (services.accept_invitation, services.decline_invitation):
            with pytest.raises(services.InvitationError, match="This meeting has already happened"):
                answer(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert invitation.responded_at is None


def test_answers_on_a_cancelled_session_are_refused():
    invitation = InvitationFactory(session=_session(status="cancelled"))
    with pytest.raises(services.InvitationError, match="This meeting has been cancelled"):
        services.accept_invitation(invitation=invitation)


def test_a_place_is_never_given_on_a_cancelled_or_past_session():
    session = _session(places=1)
    holder, waiting = InvitationFactory.create_batch(2, session=session)
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)
    Invitation.objects.filter(pk=holder.pk).update(status="cancelled")
    session.status = "cancelled"
    session.save()

    from django.db import transaction

    with transaction.atomic():
        assert services.offer_place_to_next(session=session) == []
    waiting.refresh_from_db()
    assert waiting.status == "waiting"


def test_each_answer_is_in_the_experts_audit_trail():
    invitation = InvitationFactory()
    user = UserFactory(role="expert")
    services.decline_invitation(invitation=invitation, by=user, reason="Away that week")
    event = AuditEvent.objects.get(action="declined")
    assert event.subject_id == str(invitation.expert.pk)
    assert event.changes == {"status": ["invited", "declined"]}
    assert "Away that week" in event.summary


def test_without_a_text_gateway_someone_who_only_takes_texts_shows_as_not_reached(settings):
    from coproduce.opportunities.notify import NOT_DELIVERED, send_invitation

    settings.SMS_BACKEND = "coproduce.core.sms.NoGatewayBackend"
    invitation = InvitationFactory(
        expert=ExpertFactory(email="", phone="+447700900456", preferred_channel="text")
    )
    sms.outbox.clear()
    assert send_invitation(invitation, "a-token") == NOT_DELIVERED
    assert list(sms.outbox) == []
