from typing import ClassVar, Self

from django.db import models
from django.db.models.functions import Lower


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChoiceList(models.Model):
    """A list an involvement team keeps up to date themselves, such as skills or localities."""

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True, help_text="Inactive entries stay on old records.")
    order = models.PositiveIntegerField(default=0)

    # Each list gets Django's own `objects`; said here so code over any list type-checks.
    objects: ClassVar[models.Manager[Self]]

    class Meta:
        abstract = True
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="%(app_label)s_%(class)s_name_unique_any_case",
                violation_error_message="There is already an entry with that name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """The last time each running task worker said it was alive. The readiness URL reads it;
    a worker that stops cleanly removes its row, one that dies simply stops beating."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class OurWords(models.Model):
    """The organisation's own words, set once by the involvement lead: what it calls its
    experts ("Expert by Experience", "Lived Experience Partner"), the staff who work beside
    them ("Experts by Occupation") and its slogan. One row, saved the first time the lead
    changes them; until then the defaults in coproduce.core.terms apply. Read through
    coproduce.core.terms, which keeps them in the cache so pages pay no query for them."""

    expert = models.CharField(max_length=60)
    experts = models.CharField(max_length=60)
    staff = models.CharField(max_length=60)
    slogan = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "our words"

    def __str__(self) -> str:
        return f"{self.expert} / {self.experts} / {self.staff}"
