"""The records of the directory and events (issue 14).

A directory entry is what an expert chose to show other experts: a first name, a photo (a copy
of its own, so leaving the directory removes it without touching the photo the team keeps) and
one line about their interests. Nothing else about them is read for the directory.

An event is a get-together the involvement team arranges (the annual get-together, a
celebration), open to experts only or to the public too; each expert's reply says whether they
are coming, with any guests, and what they need to eat and to get in and take part.

The rows are reached only through this app's queries: they have no reverse name on Expert."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from coproduce.people.models import Expert

FIRST_NAME_LENGTH = 50
INTERESTS_LENGTH = 150


def directory_photo_path(instance: "DirectoryEntry", filename: str) -> str:
    # A random name: the original file name may identify the person.
    return f"directory/{uuid.uuid4().hex}.jpg"


class DirectoryEntry(models.Model):
    """One expert's entry in the directory. The involvement lead may hide it, with a reason the
    expert sees; it stays hidden until the lead shows it again."""

    expert = models.OneToOneField(Expert, on_delete=models.CASCADE, related_name="+")
    first_name = models.CharField(max_length=FIRST_NAME_LENGTH)
    interests = models.CharField(max_length=INTERESTS_LENGTH, blank=True)
    photo = models.ImageField(upload_to=directory_photo_path, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=200, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["first_name", "id"]
        verbose_name_plural = "directory entries"

    def __str__(self) -> str:
        return self.first_name


class OpenTo(models.TextChoices):
    EXPERTS = "experts", "Experts only"
    PUBLIC = "public", "Anyone: shown on our public pages"


class Event(models.Model):
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online = models.BooleanField(default=False)
    how_to_come = models.CharField(max_length=300, blank=True)
    open_to = models.CharField(max_length=10, choices=OpenTo.choices, default=OpenTo.EXPERTS)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    reply_by = models.DateField(null=True, blank=True)
    ask_dietary = models.BooleanField(default=True)
    ask_access = models.BooleanField(default=True)
    # How many guests (a partner, a carer, a friend) each expert may bring: 0 for none.
    guests_allowed = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["open_to", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.open_to == OpenTo.PUBLIC


class Answer(models.TextChoices):
    YES = "yes", "Yes, I am coming"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No, I cannot come"


class DietaryNeed(models.TextChoices):
    VEGETARIAN = "vegetarian", "Vegetarian"
    VEGAN = "vegan", "Vegan"
    HALAL = "halal", "Halal"
    KOSHER = "kosher", "Kosher"
    GLUTEN_FREE = "gluten_free", "Gluten free"
    DAIRY_FREE = "dairy_free", "Dairy free"
    NUT_ALLERGY = "nut_allergy", "Nut allergy"


class AccessNeed(models.TextChoices):
    STEP_FREE = "step_free", "Step-free access"
    HEARING_LOOP = "hearing_loop", "A hearing loop"
    BSL = "bsl", "A British Sign Language (BSL) interpreter"
    LARGE_PRINT = "large_print", "Large print"
    QUIET_SPACE = "quiet_space", "A quiet space"
    CARER = "carer", "My carer or supporter with me"


class EventReply(models.Model):
    """One expert's reply to one event; changed in place when they change their mind."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="replies")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=5, choices=Answer.choices)
    guests = models.PositiveSmallIntegerField(default=0)
    dietary = models.JSONField(default=list, blank=True)
    dietary_other = models.CharField(max_length=200, blank=True)
    access = models.JSONField(default=list, blank=True)
    access_other = models.CharField(max_length=200, blank=True)
    replied_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "expert"], name="one_reply_per_expert"),
        ]

    def __str__(self) -> str:
        return f"{self.answer} to {self.event_id}"

    @property
    def has_needs(self) -> bool:
        return bool(self.dietary or self.dietary_other or self.access or self.access_other)
