"""Asking after a session, through a real SMTP server: everyone who attended is emailed a link
once, however often the daily task runs; nobody we may not contact is emailed."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.impact.feedback.models import FeedbackRequest
from coproduce.impact.feedback.tasks import ask_for_feedback
from coproduce.people.choices import Status
from coproduce.schedule import SCHEDULE
from tests.factories import ExpertFactory, InvitationFactory
from tests.impact.feedback.helpers import attended, past_session

pytestmark = pytest.mark.django_db


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def test_the_task_runs_daily_in_the_schedule():
    assert SCHEDULE["coproduce.impact.feedback.tasks.ask_for_feedback"] == "0 10 * * *"


def test_each_attended_place_is_asked_once_however_often_the_task_runs(smtp_server):
    session = past_session(title="Carers' strategy workshop")
    came = attended(session, ExpertFactory(preferred_name="Nia", email="nia@example.net"))
    InvitationFactory(session=session, status="accepted", attendance="did_not_attend")
    InvitationFactory(session=session, status="declined")

    assert ask_for_feedback.call() == 1
    assert ask_for_feedback.call() == 0

    (message,) = _to(smtp_server, "nia@example.net")
    assert message["Subject"].startswith("How did it go? Carers' strategy workshop on ")
    text = message.get_body(("plain",)).get_content()
    assert "Hello Nia," in text
    assert "This link works for 30 days." in text
    assert re.search(r"http://\S+/feedback/answer/\S+/", text)
    assert len(smtp_server.messages) == 1
    request = FeedbackRequest.objects.get()
    assert request.invitation == came
    assert request.emailed_at is not None
    assert not request.answered
    asked = AuditEvent.objects.get(action=AuditEvent.Action.FEEDBACK_ASKED)
    assert asked.subject_id == str(came.expert_id)


def test_sessions_not_over_or_long_past_and_cancelled_ones_are_not_asked_about(smtp_server):
    attended(past_session(days_ago=20))  # over two weeks ago: too late to ask by email
    future = InvitationFactory(status="accepted", attendance="attended")  # not happened yet
    cancelled = attended()
    cancelled.session.status = "cancelled"
    cancelled.session.save()
    assert future.session.starts_at > timezone.now()
    assert ask_for_feedback.call() == 0
    assert smtp_server.messages == []


@pytest.mark.parametrize("who", ["restricted", "erased", "left"])
def test_nobody_we_may_not_contact_is_asked(smtp_server, who):
    expert = ExpertFactory(email="quiet@example.net")
    if who == "restricted":
        expert.restricted_at = timezone.now()
    elif who == "erased":
        expert.erased_at = timezone.now()
    else:
        expert.status = Status.LEFT
    expert.save()
    attended(expert=expert)
    assert ask_for_feedback.call() == 0
    assert smtp_server.messages == []
    assert not FeedbackRequest.objects.exists()


def test_someone_with_no_email_is_still_asked_in_the_portal(smtp_server):
    place = attended(expert=ExpertFactory(email="", preferred_channel="phone"))
    assert ask_for_feedback.call() == 1
    request = FeedbackRequest.objects.get(invitation=place)
    assert request.emailed_at is None
    assert smtp_server.messages == []


def test_an_expert_who_asked_for_texts_gets_a_text_with_the_link(smtp_server, settings):
    from coproduce.core.sms import outbox

    outbox.clear()
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"
    attended(expert=ExpertFactory(preferred_channel="text", phone="+447700900456", email=""))
    assert ask_for_feedback.call() == 1
    (text,) = [t for t in outbox if t.to == "+447700900456"]
    assert "How did it go? Tell us here: http" in text.body
    assert "/feedback/answer/" in text.body


def test_a_place_answered_in_the_portal_first_is_not_emailed(smtp_server):
    from tests.impact.feedback.helpers import answer

    place = attended(expert=ExpertFactory(email="early@example.net"))
    answer(place)
    assert ask_for_feedback.call() == 0
    assert smtp_server.messages == []


def test_attendance_recorded_late_is_still_asked_about_within_two_weeks(smtp_server):
    place = attended(past_session(days_ago=13), ExpertFactory(email="late@example.net"))
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        assert ask_for_feedback.call() == 1
    assert FeedbackRequest.objects.get().invitation == place
