"""Reminders to experts, through a real SMTP server and the text outbox: sessions coming up
(each of the organisation's days before), invitations not answered, agreements to sign. Each is
sent once however often the schedule runs; nobody who may not be contacted, or who turned it
off, is reminded; each goes by the channel the expert prefers, in Easy Read where they need it;
the title of confidential work stays out of subject lines, texts and carers' copies."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from coproduce.comms.reminders import services
from coproduce.comms.reminders.models import Kind, SentReminder
from coproduce.comms.reminders.tasks import (
    send_agreement_reminders,
    send_invitation_reminders,
    send_session_reminders,
)
from coproduce.core import sms
from coproduce.onboarding.agreements.services import add_agreement, sign
from coproduce.opportunities.models import Invitation
from coproduce.schedule import SCHEDULE
from tests.comms.reminders.helpers import days_ahead, place_at, set_settings, texts_to
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _morning(settings):
    settings.ORGANISATION_NAME = "Shropshire Partnership"
    settings.INVOLVEMENT_TEAM_EMAIL = "team@example.org"
    sms.outbox.clear()
    with time_machine.travel("2026-06-15 09:00 +01:00", tick=False):
        yield


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def _plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_each_reminder_runs_daily_in_the_schedule():
    for name in (
        "send_session_reminders",
        "send_invitation_reminders",
        "send_agreement_reminders",
        "send_claim_reminders",
        "send_outcome_reminders",
    ):
        minute, hour, *_ = SCHEDULE[f"coproduce.comms.reminders.tasks.{name}"].split()
        assert hour == "9", name


def test_a_session_is_reminded_7_days_and_1_day_before_each_once(smtp_server):
    expert = ExpertFactory(preferred_name="Rosa", email="rosa@example.net")
    place = place_at(days_ahead(7), expert=expert, title="Discharge letters panel")
    assert send_session_reminders.call() == 1
    assert send_session_reminders.call() == 0  # the same morning again: nothing new

    (message,) = _to(smtp_server, "rosa@example.net")
    assert message["Subject"] == "Reminder: Discharge letters panel, Monday 22 June 2026"
    text = _plain(message)
    assert "Hello Rosa," in text
    assert "Discharge letters panel is in 7 days" in text
    assert "When: Monday 22 June 2026, 10am to 12pm" in text
    assert "/me/involvement/" in text
    assert "Shirehall Room" in text  # where

    with time_machine.travel("2026-06-21 09:00 +01:00", tick=False):
        assert send_session_reminders.call() == 1
        assert send_session_reminders.call() == 0
    messages = _to(smtp_server, "rosa@example.net")
    assert len(messages) == 2
    assert "Discharge letters panel is tomorrow" in _plain(messages[1])
    sent = SentReminder.objects.filter(kind=Kind.SESSION, about_id=place.pk)
    assert sorted(sent.values_list("days_before", flat=True)) == [1, 7]
    assert set(sent.values_list("how", flat=True)) == {"email"}


def test_the_days_before_are_the_organisations(smtp_server, involvement_lead):
    set_settings(involvement_lead, session_days=[3])
    place_at(days_ahead(7), expert=ExpertFactory(email="seven@example.net"))
    place_at(days_ahead(3), expert=ExpertFactory(email="three@example.net"))
    assert send_session_reminders.call() == 1
    assert _to(smtp_server, "three@example.net")
    assert not _to(smtp_server, "seven@example.net")


def test_only_accepted_places_at_sessions_going_ahead_are_reminded(smtp_server):
    place_at(days_ahead(7), status="declined")
    place_at(days_ahead(7), status="waiting")
    cancelled = place_at(days_ahead(7))
    cancelled.session.status = "cancelled"
    cancelled.session.save()
    assert send_session_reminders.call() == 0
    assert smtp_server.messages == []


def test_nobody_is_reminded_when_the_organisation_turns_it_off(smtp_server, involvement_lead):
    set_settings(involvement_lead, session_on=False)
    place_at(days_ahead(7))
    assert send_session_reminders.call() == 0
    assert smtp_server.messages == []


def test_an_expert_who_turned_it_off_is_not_reminded(smtp_server):
    expert = ExpertFactory(email="quiet@example.net")
    services.set_expert_reminders(
        actor=None, expert=expert, kinds_on={Kind.INVITATION}, kinds=(Kind.SESSION, Kind.INVITATION)
    )
    place_at(days_ahead(7), expert=expert)
    assert send_session_reminders.call() == 0
    assert smtp_server.messages == []


def test_experts_we_may_not_contact_are_not_reminded(smtp_server):
    place_at(days_ahead(7), expert=ExpertFactory(restricted_at=timezone.now()))
    place_at(days_ahead(7), expert=ExpertFactory(status="left"))
    assert send_session_reminders.call() == 0
    assert smtp_server.messages == []


def test_an_expert_who_prefers_texts_gets_a_text_and_no_email(smtp_server):
    expert = ExpertFactory(preferred_channel="text", phone="+447700900111")
    place_at(days_ahead(1), expert=expert, title="Carers' forum")
    assert send_session_reminders.call() == 1
    (text,) = texts_to(sms.outbox, "+447700900111")
    assert text.body.startswith("Shropshire Partnership: reminder, Carers' forum is tomorrow")
    assert "10am" in text.body
    assert smtp_server.messages == []
    assert SentReminder.objects.get().how == "text"


def test_phone_and_letter_are_noted_not_sent(smtp_server):
    by_phone = place_at(days_ahead(7), expert=ExpertFactory(preferred_channel="phone"))
    by_post = place_at(days_ahead(7), expert=ExpertFactory(preferred_channel="post"))
    assert send_session_reminders.call() == 2
    assert smtp_server.messages == []
    assert not sms.outbox
    notes = dict(SentReminder.objects.values_list("about_id", "not_sent"))
    assert notes[by_phone.pk] == "Not sent: they prefer a phone call"
    assert notes[by_post.pk] == "Not sent: they prefer a letter"


def test_easy_read_wording_for_those_who_need_it(smtp_server):
    expert = ExpertFactory(
        preferred_name="Sam", email="sam@example.net", communication_needs=["easy_read"]
    )
    place_at(days_ahead(7), expert=expert, title="Menu tasting")
    send_session_reminders.call()
    text = _plain(_to(smtp_server, "sam@example.net")[0])
    assert "You have a meeting soon." in text
    assert "The meeting is Menu tasting." in text
    assert "Can you not come now? That is OK. Please tell us." in text
    assert "When:" not in text  # not the standard wording


def test_confidential_work_is_named_only_to_the_invited_expert(smtp_server):
    expert = ExpertFactory(
        email="ivy@example.net",
        communication_needs=["carer_copy"],
        carer_name="Pat",
        carer_email="pat@example.net",
        preferred_channel="email",
    )
    place_at(days_ahead(7), expert=expert, title="Investigation into ward 5", confidential=True)
    send_session_reminders.call()
    (own,) = _to(smtp_server, "ivy@example.net")
    assert "ward 5" not in own["Subject"]
    assert own["Subject"].startswith("Reminder: a confidential meeting")
    assert "Investigation into ward 5 is in 7 days" in _plain(own)
    (carer,) = _to(smtp_server, "pat@example.net")
    assert "ward 5" not in carer["Subject"]
    assert "ward 5" not in _plain(carer)
    assert "Confidential work is in 7 days" in _plain(carer)
    assert "copy for you" in _plain(carer)
    assert SentReminder.objects.get().how == "email, copy to carer"


def test_confidential_work_stays_out_of_texts(smtp_server):
    expert = ExpertFactory(preferred_channel="text", phone="+447700900222")
    place_at(days_ahead(1), expert=expert, title="Investigation into ward 5", confidential=True)
    send_session_reminders.call()
    (text,) = sms.outbox
    assert "ward 5" not in text.body
    assert "a confidential meeting is tomorrow" in text.body


# Invitations not answered ----------------------------------------------------------------------


def _invited(days_ago: int, **kwargs) -> Invitation:
    place = place_at(days_ahead(20), status="invited", **kwargs)
    Invitation.objects.filter(pk=place.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return place


def test_an_invitation_unanswered_for_the_set_days_is_reminded_once(smtp_server):
    place = _invited(5, expert=ExpertFactory(email="ola@example.net"), title="Website review")
    _invited(4, expert=ExpertFactory(email="new@example.net"))  # not yet
    assert send_invitation_reminders.call() == 1
    assert send_invitation_reminders.call() == 0
    (message,) = _to(smtp_server, "ola@example.net")
    assert message["Subject"] == "Please answer: Website review, Sunday 5 July 2026"
    assert f"/me/involvement/{place.pk}/answer/" in _plain(message)
    assert "It is fine to say no." in _plain(message)
    assert not _to(smtp_server, "new@example.net")


def test_an_answered_invitation_is_not_reminded(smtp_server):
    place = _invited(9)
    place.status = "declined"
    place.save()
    assert send_invitation_reminders.call() == 0


def test_the_invitation_days_are_the_organisations(smtp_server, involvement_lead):
    set_settings(involvement_lead, invitation_days=10)
    _invited(9)
    assert send_invitation_reminders.call() == 0
    set_settings(involvement_lead, invitation_on=False, invitation_days=2)
    assert send_invitation_reminders.call() == 0


# Agreements to sign --------------------------------------------------------------------------


def test_an_agreement_not_signed_after_the_set_days_is_reminded_once(smtp_server):
    lead = UserFactory(role="involvement_lead")
    with time_machine.travel("2026-06-01 09:00 +01:00", tick=False):
        version = add_agreement(
            actor=lead,
            kind="confidentiality",
            title="Confidentiality agreement",
            body="Keep what you hear private.",
            easy_read="Keep it private.",
        )
    waiting = ExpertFactory(preferred_name="Ade", email="ade@example.net", status="active")
    signed = ExpertFactory(email="signed@example.net", status="active")
    sign(expert=signed, version=version, typed_name=signed.full_name)
    ExpertFactory(email="enquiry@example.net", status="enquiry")
    assert send_agreement_reminders.call() == 1
    assert send_agreement_reminders.call() == 0
    (message,) = _to(smtp_server, "ade@example.net")
    assert message["Subject"] == "Please read and sign: Confidentiality agreement"
    assert "/my-agreements/" in _plain(message)
    assert f"/agreements/versions/{version.pk}/easy-read/" in _plain(message)
    assert len(smtp_server.messages) == 1
    assert SentReminder.objects.get().expert == waiting


def test_a_new_agreement_waits_the_set_days_before_a_reminder(smtp_server):
    add_agreement(
        actor=UserFactory(role="involvement_lead"),
        kind="code_of_conduct",
        title="Code of conduct",
        body="Be kind.",
        easy_read="Be kind.",
    )
    ExpertFactory(status="active")
    assert send_agreement_reminders.call() == 0


def test_finding_who_is_due_takes_one_query_however_many_there_are(django_assert_num_queries):
    from coproduce.comms.reminders import queries

    for _ in range(6):
        place_at(days_ahead(7))
        _invited(6)
    with django_assert_num_queries(1):
        found = queries.sessions_coming(today=timezone.localdate(), days=7)
    assert len(found) == 6
    with django_assert_num_queries(1):
        waiting = queries.invitations_unanswered(now=timezone.now(), days=5)
    assert len(waiting) == 6
    with django_assert_num_queries(0):
        assert all(p.session.opportunity.title and p.expert.email for p in found + waiting)
