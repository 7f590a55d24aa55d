"""Courses and training records for the tests, made through the services as the team would."""

from datetime import date

from coproduce.accounts.roles import Role
from coproduce.training import services
from coproduce.training.models import Course, TrainingRecord
from tests.factories import UserFactory

_made = {"n": 0}


def make_course(
    *,
    name: str | None = None,
    kind: str = "safeguarding",
    valid_for_months: int | None = 36,
    for_experts: bool = True,
    for_staff: bool = False,
    description: str = "",
    retired: bool = False,
) -> Course:
    _made["n"] += 1
    actor = UserFactory(role=Role.INVOLVEMENT_LEAD)
    course = services.add_course(
        actor=actor,
        name=name or f"Course {_made['n']}",
        kind=kind,
        description=description,
        valid_for_months=valid_for_months,
        for_experts=for_experts,
        for_staff=for_staff,
    )
    if retired:
        course = services.retire_course(actor=actor, course=course)
    return course


def make_record(
    *,
    course: Course,
    completed_on: date,
    expert=None,
    staff=None,
    expires_on: date | None = None,
) -> TrainingRecord:
    """A record straight into the table: the tests of the lists need dates the services would
    refuse (training completed long ago that has already run out is fine; so is this)."""
    if expires_on is None:
        expires_on = services.expiry_for(course, completed_on)
    return TrainingRecord.objects.create(
        course=course,
        expert=expert,
        staff=staff,
        completed_on=completed_on,
        expires_on=expires_on,
    )
