"""Reminders that training runs out soon, through a real SMTP server: the person and the team
are told the set number of days before; each record once, however often the schedule runs;
nobody we may not contact is told."""

from datetime import date, timedelta

import pytest
import time_machine

from coproduce.audit.models import AuditEvent
from coproduce.people.choices import Status
from coproduce.schedule import SCHEDULE
from coproduce.training.models import TrainingRecord
from coproduce.training.tasks import send_training_reminders
from tests.factories import ExpertFactory
from tests.training.helpers import make_course, make_record

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAINING_REMINDER_DAYS = 30
    settings.INVOLVEMENT_TEAM_EMAIL = "team@example.org"
    with time_machine.travel("2026-06-15 08:00 +01:00", tick=False):
        yield


def _expiring(expert=None, *, in_days: int, course=None, **kwargs):
    course = course or make_course(valid_for_months=None)
    return make_record(
        course=course,
        expert=expert if expert is not None or "staff" in kwargs else ExpertFactory(),
        completed_on=TODAY - timedelta(days=300),
        expires_on=TODAY + timedelta(days=in_days),
        **kwargs,
    )


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def test_the_reminder_task_runs_daily_in_the_schedule():
    assert SCHEDULE["coproduce.training.tasks.send_training_reminders"] == "0 8 * * *"


def test_the_expert_and_the_team_are_told_once_however_often_it_runs(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(full_name="Rosa Diaz", preferred_name="Rosa", email="rosa@example.net")
    course = make_course(name="Safeguarding adults", valid_for_months=36)
    record = _expiring(expert, in_days=20, course=course)
    _expiring(in_days=45)  # not yet: outside the 30 days
    with django_capture_on_commit_callbacks(execute=True):
        assert send_training_reminders.call() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_training_reminders.call() == 0

    (message,) = _to(smtp_server, "rosa@example.net")
    assert message["Subject"] == (
        "Your Safeguarding adults training runs out on Sunday 5 July 2026"
    )
    text = message.get_body(("plain",)).get_content()
    assert "Hello Rosa," in text
    assert "It runs out on: Sunday 5 July 2026" in text
    assert "We will help you book the course again." in text
    html = message.get_body(("html",)).get_content()
    assert "Your training runs out soon" in html

    team = [m for to, m in smtp_server.messages if "team@example.org" in to]
    assert len(team) == 1
    assert "Rosa Diaz (expert): Safeguarding adults" in team[0].get_content()
    assert coordinator.email in next(
        to for to, m in smtp_server.messages if "team@example.org" in to
    )

    record.refresh_from_db()
    assert record.reminded_at is not None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TRAINING_REMINDED).count() == 1


def test_training_done_again_is_not_reminded(smtp_server):
    expert = ExpertFactory()
    course = make_course(valid_for_months=36)
    _expiring(expert, in_days=10, course=course)
    make_record(course=course, expert=expert, completed_on=TODAY - timedelta(days=2))
    assert send_training_reminders.call() == 0
    assert smtp_server.messages == []


@pytest.mark.parametrize("kind", ["restricted", "erased", "left", "retired course"])
def test_nobody_we_may_not_contact_is_reminded(smtp_server, kind):
    expert = ExpertFactory(email="someone@example.net")
    course = make_course(valid_for_months=None)
    record = _expiring(expert, in_days=10, course=course)
    if kind == "restricted":
        expert.restricted_at = "2026-06-01T10:00Z"
    elif kind == "erased":
        expert.erased_at = "2026-06-01T10:00Z"
    elif kind == "left":
        expert.status = Status.LEFT
    else:
        course.retired_at = "2026-06-01T10:00Z"
        course.save()
    expert.save()
    assert send_training_reminders.call() == 0
    assert smtp_server.messages == []
    record.refresh_from_db()
    assert record.reminded_at is None


def test_an_expert_who_asked_for_texts_gets_a_text_too(smtp_server, settings):
    from coproduce.core.sms import outbox

    outbox.clear()
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"
    expert = ExpertFactory(preferred_channel="text", phone="+447700900456", email="")
    _expiring(expert, in_days=5)
    assert send_training_reminders.call() == 1
    # No email address: the only email is the team's list.
    assert all("team@example.org" in to for to, m in smtp_server.messages)
    from coproduce.core.sms import outbox

    (text,) = [t for t in outbox if t.to == "+447700900456"]
    assert "training runs out on Saturday 20 June 2026" in text.body


def test_staff_are_reminded_at_their_own_address(smtp_server, staff_member):
    course = make_course(
        kind="staff_induction", for_experts=False, for_staff=True, valid_for_months=None
    )
    _expiring(staff=staff_member, in_days=3, course=course, expert=None)
    assert send_training_reminders.call() == 1
    assert len(_to(smtp_server, staff_member.email)) == 1


def test_a_corrected_expiry_is_reminded_again(smtp_server, coordinator):
    from coproduce.training import services

    record = _expiring(in_days=10)
    assert send_training_reminders.call() == 1
    services.correct_record(
        actor=coordinator,
        record=record,
        completed_on=record.completed_on,
        expires_on=TODAY + timedelta(days=12),
    )
    assert TrainingRecord.objects.get().reminded_at is None
    assert send_training_reminders.call() == 1
