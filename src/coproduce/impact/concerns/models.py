"""Concerns an expert raises: the concern itself, each step taken on it (its history, which is
also what the expert is told), and the organisation's settings for them (who the safeguarding
contacts are, and how many working days an expert waits for a first reply).

A concern is special-category data: who may see one is in concerns/rules.py."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduce.opportunities.models import Invitation
from coproduce.payments.models import Claim
from coproduce.people.models import Expert

# A first reply within this many working days, unless the involvement lead sets another.
REPLY_DAYS = 10


class ConcernSettings(models.Model):
    """One row: the safeguarding contacts (staff accounts, and the safeguarding team's own
    email address if it has one) and the working days within which an expert hears back."""

    contacts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    team_email = models.EmailField(blank=True)
    reply_days = models.PositiveSmallIntegerField(default=REPLY_DAYS)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "concern settings"

    def __str__(self) -> str:
        return "Concern settings"


class Concern(models.Model):
    class About(models.TextChoices):
        MEETING = "meeting", "A meeting"
        PAYMENT = "payment", "A payment"
        TREATMENT = "treatment", "How I was treated"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "Waiting to be looked at"
        OPEN = "open", "Being looked at"
        CLOSED = "closed", "Closed"

    class Category(models.TextChoices):
        INVOLVEMENT = "involvement", "A meeting or piece of work"
        PAYMENT = "payment", "Payments and expenses"
        ACCESS = "access", "Access needs not met"
        STAFF = "staff", "How staff behaved"
        EXPERT = "expert", "How another expert behaved"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        OTHER = "other", "Something else"

    class Received(models.TextChoices):
        PORTAL = "portal", "In the portal"
        PHONE = "phone", "By phone"
        IN_PERSON = "in_person", "In person"
        WRITING = "writing", "By email or letter"

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="concerns")
    about = models.CharField(max_length=10, choices=About.choices)
    # The meeting or claim it is about, when it is about one: one of the expert's own.
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_happened = models.TextField(max_length=5000)
    wanted = models.TextField(max_length=2000, blank=True)
    safeguarding = models.BooleanField(default=False)
    received = models.CharField(max_length=10, choices=Received.choices, default=Received.PORTAL)
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    category = models.CharField(max_length=15, choices=Category.choices, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns_handled",
    )
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    safeguarding_told_at = models.DateTimeField(null=True, blank=True)
    # The form it came from, so sending it twice (a double click) raises it once.
    submission = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["status", "raised_at"]),
            models.Index(fields=["expert", "raised_at"]),
            models.Index(fields=["closed_at"]),
        ]

    def __str__(self) -> str:
        return f"Concern {self.reference}"

    @property
    def reference(self) -> str:
        return f"CN-{self.pk}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class Step(models.Model):
    """One step in a concern's history, with when and who. Responses and what the expert adds
    are shown to the expert; triage and internal notes are not."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        ADDED = "added", "More added by the expert"
        TRIAGED = "triaged", "Triaged"
        RESPONSE = "response", "Reply sent to the expert"
        SAFEGUARDING = "safeguarding", "Safeguarding contacts told"
        CLOSED = "closed", "Closed"
        REOPENED = "reopened", "Reopened"

    SHOWN_TO_EXPERT = (Kind.RAISED, Kind.ADDED, Kind.RESPONSE, Kind.CLOSED, Kind.REOPENED)

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    text = models.TextField(max_length=5000, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=200, blank=True)
    submission = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["concern", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


def new_submission() -> uuid.UUID:
    return uuid.uuid4()
