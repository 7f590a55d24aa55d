"""Changes to courses and training records, each in one transaction with its audit record.
The caller has checked the person may make them (training/rules.py)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.people.models import Expert
from coproduce.training.dates import months_after
from coproduce.training.models import Course, TrainingRecord

COURSE_FIELDS = ("name", "kind", "description", "valid_for_months", "for_experts", "for_staff")
RECORD_FIELDS = ("course", "completed_on", "expires_on")


class TrainingError(ValueError):
    """A change that cannot be made, with a message for the person."""


class CourseNameTaken(TrainingError):
    """Another course has the name in any case (the form says so first; this is the race of
    two people saving the same name at once)."""

    def __init__(self) -> None:
        super().__init__("There is already a course with that name")


def expiry_for(course: Course, completed_on: date) -> date | None:
    """When training on this course, completed on that day, runs out; None if it never does."""
    if not course.valid_for_months:
        return None
    return months_after(completed_on, course.valid_for_months)


# Courses ------------------------------------------------------------------------------------


def add_course(
    *,
    actor,
    name: str,
    kind: str,
    description: str = "",
    valid_for_months: int | None = None,
    for_experts: bool = True,
    for_staff: bool = False,
) -> Course:
    """A new course, offered at once to the people it is for."""
    try:
        with transaction.atomic():
            course = Course.objects.create(
                name=name.strip(),
                kind=kind,
                description=description.strip(),
                valid_for_months=valid_for_months or None,
                for_experts=for_experts,
                for_staff=for_staff,
            )
            audit.record_change(
                actor=actor,
                instance=course,
                action=AuditEvent.Action.COURSE_ADDED,
                summary=f"Course ‘{course.name}’ added",
                changes=audit.diff({}, audit.snapshot(course, COURSE_FIELDS)),
            )
    except IntegrityError:
        raise CourseNameTaken from None
    return course


def change_course(*, actor, course: Course, **values) -> Course:
    """Saves the course's new details. Records already made keep the expiry they were given:
    a change to how long the course is valid counts from the next completion."""
    try:
        with transaction.atomic():
            course = Course.objects.select_for_update().get(pk=course.pk)
            before = audit.snapshot(course, COURSE_FIELDS)
            for name in COURSE_FIELDS:
                if name in values:
                    setattr(course, name, values[name])
            course.name = course.name.strip()
            course.description = course.description.strip()
            course.valid_for_months = course.valid_for_months or None
            changes = audit.diff(before, audit.snapshot(course, COURSE_FIELDS))
            if not changes:
                return course
            course.save()
            audit.record_change(
                actor=actor,
                instance=course,
                action=AuditEvent.Action.COURSE_CHANGED,
                summary=f"Course ‘{course.name}’ changed",
                changes=changes,
            )
    except IntegrityError:
        raise CourseNameTaken from None
    return course


def retire_course(*, actor, course: Course) -> Course:
    """Stops offering the course: it leaves the lists to record against and the development
    on offer, and no more reminders go out for it. Records of it are kept and still count."""
    return _set_retired(actor=actor, course=course, retire=True)


def restore_course(*, actor, course: Course) -> Course:
    """Offers a retired course again."""
    return _set_retired(actor=actor, course=course, retire=False)


def _set_retired(*, actor, course: Course, retire: bool) -> Course:
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if retire and course.retired_at is not None:
            raise TrainingError(f"‘{course.name}’ has already been retired.")
        if not retire and course.retired_at is None:
            raise TrainingError(f"‘{course.name}’ is not retired.")
        before = course.retired_at
        course.retired_at = timezone.now() if retire else None
        course.save(update_fields=["retired_at"])
        audit.record_change(
            actor=actor,
            instance=course,
            # There is no "course brought back" action: bringing back is a change to the course.
            action=AuditEvent.Action.COURSE_RETIRED if retire else AuditEvent.Action.COURSE_CHANGED,
            summary=f"Course ‘{course.name}’ " + ("retired" if retire else "offered again"),
            changes={
                "retired_at": [
                    str(before) if before else None,
                    str(course.retired_at or "") or None,
                ]
            },
        )
    return course


# Records ------------------------------------------------------------------------------------


def _check_dates(course: Course, completed_on: date, expires_on: date | None) -> None:
    if completed_on > timezone.localdate():
        raise TrainingError("The date they completed the course cannot be in the future")
    if expires_on is not None and expires_on <= completed_on:
        raise TrainingError("The date it runs out must be after the date they completed it")


def record_training(
    *,
    actor,
    course: Course,
    completed_on: date,
    expert: Expert | None = None,
    staff=None,
    expires_on: date | None = None,
) -> TrainingRecord:
    """Records that this expert (or member of staff) completed the course on that day. The
    expiry is worked out from how long the course is valid unless one is given."""
    if (expert is None) == (staff is None):
        raise TrainingError("Choose one person: an expert or a member of staff")
    if course.retired_at is not None:
        raise TrainingError(f"‘{course.name}’ has been retired. Choose a course offered now")
    if expires_on is None:
        expires_on = expiry_for(course, completed_on)
    _check_dates(course, completed_on, expires_on)
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            course=course,
            expert=expert,
            staff=staff,
            completed_on=completed_on,
            expires_on=expires_on,
            recorded_by=actor,
        )
        audit.record_change(
            actor=actor,
            instance=record,
            subject=expert or staff,
            action=AuditEvent.Action.TRAINING_RECORDED,
            summary=f"Completed ‘{course.name}’",
            changes=audit.diff({}, audit.snapshot(record, RECORD_FIELDS)),
        )
    return record


def record_training_for_many(
    *, actor, course: Course, completed_on: date, experts: Iterable[Expert]
) -> tuple[int, int]:
    """Records that each of these experts completed the course on that day (everyone at a
    training day). Anyone already recorded as completing it that day is left as they are.
    Returns (how many recorded, how many were already recorded)."""
    if course.retired_at is not None:
        raise TrainingError(f"‘{course.name}’ has been retired. Choose a course offered now")
    expires_on = expiry_for(course, completed_on)
    _check_dates(course, completed_on, expires_on)
    by_id = {expert.pk: expert for expert in experts}
    with transaction.atomic():
        already = set(
            TrainingRecord.objects.filter(
                course=course, completed_on=completed_on, expert_id__in=list(by_id)
            ).values_list("expert_id", flat=True)
        )
        now = timezone.now()
        made = [
            (
                TrainingRecord(
                    course=course,
                    expert=expert,
                    completed_on=completed_on,
                    expires_on=expires_on,
                    recorded_by=actor,
                    recorded_at=now,
                ),
                expert,
            )
            for pk, expert in by_id.items()
            if pk not in already
        ]
        TrainingRecord.objects.bulk_create([record for record, _ in made], batch_size=1000)
        changes: list[tuple[Model, Model, str, dict[str, list[Any]]]] = [
            (
                record,
                expert,
                f"Completed ‘{course.name}’",
                audit.diff({}, audit.snapshot(record, RECORD_FIELDS)),
            )
            for record, expert in made
        ]
        audit.record_changes(
            actor=actor, action=AuditEvent.Action.TRAINING_RECORDED, changes=changes
        )
    return len(made), len(already)


def correct_record(
    *, actor, record: TrainingRecord, completed_on: date, expires_on: date | None
) -> TrainingRecord:
    """Saves the right dates for a record made with the wrong ones. A new expiry means a new
    reminder when it comes near."""
    _check_dates(record.course, completed_on, expires_on)
    with transaction.atomic():
        record = (
            TrainingRecord.objects.select_for_update(of=("self",))
            .select_related("course", "expert", "staff")
            .get(pk=record.pk)
        )
        before = audit.snapshot(record, RECORD_FIELDS)
        if record.expires_on != expires_on:
            record.reminded_at = None
        record.completed_on = completed_on
        record.expires_on = expires_on
        changes = audit.diff(before, audit.snapshot(record, RECORD_FIELDS))
        if not changes:
            return record
        record.save(update_fields=["completed_on", "expires_on", "reminded_at"])
        audit.record_change(
            actor=actor,
            instance=record,
            subject=record.expert or record.staff,
            action=AuditEvent.Action.TRAINING_CORRECTED,
            summary=f"‘{record.course.name}’ record corrected",
            changes=changes,
        )
    return record


def remove_record(*, actor, record: TrainingRecord) -> None:
    """Removes a record made in error. The audit trail keeps what it said."""
    with transaction.atomic():
        found = (
            TrainingRecord.objects.select_for_update(of=("self",))
            .select_related("course", "expert", "staff")
            .filter(pk=record.pk)
            .first()
        )
        if found is None:
            raise TrainingError("That training record has already been removed.")
        audit.record_change(
            actor=actor,
            instance=found,
            subject=found.expert or found.staff,
            action=AuditEvent.Action.TRAINING_REMOVED,
            summary=f"‘{found.course.name}’ record removed",
            changes={k: [v, None] for k, v in audit.snapshot(found, RECORD_FIELDS).items()},
        )
        found.delete()
