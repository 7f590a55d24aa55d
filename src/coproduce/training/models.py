"""Courses (induction, safeguarding, investigations, development such as chairing) and who
completed them when. A record belongs to an expert or to a member of staff: staff who work
beside experts ("Experts by Occupation") take the same courses, induction on working with
experts first."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from coproduce.people.models import Expert


class CourseKind(models.TextChoices):
    INDUCTION = "induction", "Induction"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    INFORMATION_GOVERNANCE = "information_governance", "Information governance"
    RECRUITMENT = "recruitment", "Recruitment panels"
    INVESTIGATION = "investigation", "Investigations"
    DEVELOPMENT = "development", "Development"
    STAFF_INDUCTION = "staff_induction", "Staff induction on working with experts"


class Course(models.Model):
    """A course people take. `valid_for_months` empty means it does not expire."""

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=30, choices=CourseKind.choices)
    description = models.TextField(max_length=2000, blank=True)
    valid_for_months = models.PositiveSmallIntegerField(null=True, blank=True)
    for_experts = models.BooleanField(default=True)
    for_staff = models.BooleanField(default=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"),
                name="course_name_unique_any_case",
                violation_error_message="There is already a course with that name",
            ),
            models.CheckConstraint(
                condition=Q(for_experts=True) | Q(for_staff=True),
                name="course_is_for_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    """One person's completion of one course, on a day, valid until `expires_on` (empty when
    the course does not expire). Exactly one of `expert` and `staff` is set."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    expert = models.ForeignKey(
        Expert, null=True, blank=True, on_delete=models.CASCADE, related_name="training"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training",
    )
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # When the reminder that this is about to expire went out (once per record).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(expert__isnull=False) & Q(staff__isnull=True))
                | (Q(expert__isnull=True) & Q(staff__isnull=False)),
                name="training_record_for_one_person",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("completed_on")),
                name="training_expires_after_completion",
            ),
        ]
        indexes = [
            models.Index(fields=["expert", "course", "-completed_on"]),
            models.Index(fields=["expires_on", "reminded_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.completed_on}"

    def valid_on(self, day: date) -> bool:
        return self.completed_on <= day and (self.expires_on is None or day < self.expires_on)
