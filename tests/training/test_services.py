"""Changing courses and records: each change audited, bad dates refused with nothing saved,
expiry worked out from the course, many recorded at once without doubling anyone."""

from datetime import date

import pytest
import time_machine

from coproduce.audit.models import AuditEvent
from coproduce.training import services
from coproduce.training.dates import months_after
from coproduce.training.models import TrainingRecord
from tests.factories import ExpertFactory
from tests.training.helpers import make_course

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-06-15 10:00 +01:00", tick=False):
        yield


def _events(action):
    return AuditEvent.objects.filter(action=action)


@pytest.mark.parametrize(
    ("completed", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 10), 36, date(2029, 3, 10)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -36, date(2023, 1, 15)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(completed, months, expected):
    assert months_after(completed, months) == expected


def test_a_course_that_does_not_run_out_gives_no_expiry(coordinator):
    course = make_course(valid_for_months=None)
    record = services.record_training(
        actor=coordinator, course=course, expert=ExpertFactory(), completed_on=date(2026, 5, 1)
    )
    assert record.expires_on is None


def test_adding_changing_and_retiring_a_course_is_audited(involvement_lead):
    course = services.add_course(
        actor=involvement_lead, name="Chairing meetings", kind="development"
    )
    services.change_course(actor=involvement_lead, course=course, valid_for_months=24)
    services.retire_course(actor=involvement_lead, course=course)
    assert _events(AuditEvent.Action.COURSE_ADDED).count() == 1
    changed = _events(AuditEvent.Action.COURSE_CHANGED).get()
    assert changed.changes["valid_for_months"] == [None, 24]
    assert _events(AuditEvent.Action.COURSE_RETIRED).count() == 1
    with pytest.raises(services.TrainingError):
        services.retire_course(actor=involvement_lead, course=course)


def test_a_course_name_is_taken_in_any_case(involvement_lead):
    make_course(name="Safeguarding adults")
    with pytest.raises(services.CourseNameTaken):
        services.add_course(actor=involvement_lead, name="SAFEGUARDING ADULTS", kind="safeguarding")


def test_recording_works_out_the_expiry_and_audits_it_on_the_experts_record(coordinator):
    expert = ExpertFactory()
    course = make_course(valid_for_months=12)
    record = services.record_training(
        actor=coordinator, course=course, expert=expert, completed_on=date(2026, 6, 1)
    )
    assert record.expires_on == date(2027, 6, 1)
    event = _events(AuditEvent.Action.TRAINING_RECORDED).get()
    assert event.subject_id == str(expert.pk)
    assert record.recorded_by == coordinator


def test_a_future_completion_or_an_expiry_before_it_saves_nothing(coordinator):
    expert, course = ExpertFactory(), make_course()
    with pytest.raises(services.TrainingError, match="future"):
        services.record_training(
            actor=coordinator, course=course, expert=expert, completed_on=date(2026, 6, 16)
        )
    with pytest.raises(services.TrainingError, match="after the date"):
        services.record_training(
            actor=coordinator,
            course=course,
            expert=expert,
            completed_on=date(2026, 6, 1),
            expires_on=date(2026, 5, 1),
        )
    assert not TrainingRecord.objects.exists()
    assert not _events(AuditEvent.Action.TRAINING_RECORDED).exists()


def test_a_retired_course_cannot_be_recorded_but_its_records_stay(coordinator):
    course = make_course()
    expert = ExpertFactory()
    services.record_training(
        actor=coordinator, course=course, expert=expert, completed_on=date(2026, 1, 5)
    )
    course = services.retire_course(actor=coordinator, course=course)
    with pytest.raises(services.TrainingError, match="retired"):
        services.record_training(
            actor=coordinator, course=course, expert=expert, completed_on=date(2026, 6, 1)
        )
    assert TrainingRecord.objects.filter(course=course).count() == 1


def test_staff_are_recorded_the_same_way(coordinator, staff_member):
    course = make_course(kind="staff_induction", for_experts=False, for_staff=True)
    record = services.record_training(
        actor=coordinator, course=course, staff=staff_member, completed_on=date(2026, 6, 1)
    )
    assert record.staff == staff_member and record.expert is None


def test_many_at_once_records_each_once(coordinator):
    course = make_course(kind="induction", valid_for_months=None)
    experts = ExpertFactory.create_batch(5)
    made, already = services.record_training_for_many(
        actor=coordinator, course=course, completed_on=date(2026, 6, 10), experts=experts[:3]
    )
    assert (made, already) == (3, 0)
    made, already = services.record_training_for_many(
        actor=coordinator, course=course, completed_on=date(2026, 6, 10), experts=experts
    )
    assert (made, already) == (2, 3)
    assert TrainingRecord.objects.count() == 5
    assert _events(AuditEvent.Action.TRAINING_RECORDED).count() == 5


def test_correcting_a_record_keeps_the_old_dates_in_the_audit_and_asks_for_a_new_reminder(
    coordinator,
):
    course = make_course(valid_for_months=12)
    record = services.record_training(
        actor=coordinator, course=course, expert=ExpertFactory(), completed_on=date(2026, 6, 1)
    )
    TrainingRecord.objects.filter(pk=record.pk).update(reminded_at="2026-06-02T09:00Z")
    record = services.correct_record(
        actor=coordinator,
        record=record,
        completed_on=date(2026, 5, 1),
        expires_on=date(2027, 5, 1),
    )
    assert record.reminded_at is None
    event = _events(AuditEvent.Action.TRAINING_CORRECTED).get()
    assert event.changes["completed_on"] == ["2026-06-01", "2026-05-01"]


def test_removing_a_record_made_in_error_is_audited(coordinator):
    record = services.record_training(
        actor=coordinator,
        course=make_course(),
        expert=ExpertFactory(),
        completed_on=date(2026, 6, 1),
    )
    services.remove_record(actor=coordinator, record=record)
    assert not TrainingRecord.objects.exists()
    event = _events(AuditEvent.Action.TRAINING_REMOVED).get()
    assert event.changes["completed_on"][0] == "2026-06-01"
    with pytest.raises(services.TrainingError):
        services.remove_record(actor=coordinator, record=record)
