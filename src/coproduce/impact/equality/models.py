"""Equality monitoring: each expert's answers (special-category data, kept only with its own
consent, in a table of its own that nothing else joins to), the local population the involvement
lead copies in from census tables, and the fewest people a figure may show.

The answers row is reached only through this app's queries: it has no reverse name on Expert,
so no register, profile or export can pick it up by accident."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from coproduce.impact.equality.categories import (
    AGE,
    CARER,
    DISABILITY,
    ETHNIC_DETAIL,
    ETHNIC_GROUP,
    GENDER_IDENTITY,
    PREFER_NOT,
    PREFER_NOT_LABEL,
    RELIGION,
    SEX,
    SEXUAL_ORIENTATION,
    Characteristic,
    choices_of,
)
from coproduce.people.models import Expert

# The words of the consent question; a change to them is a new version.
CONSENT_VERSION = "2026-1"
DEFAULT_FEWEST = 10
FEWEST_ALLOWED = 3
MOST_ALLOWED = 100


def _answer(characteristic: Characteristic) -> models.CharField:
    return models.CharField(
        max_length=20, blank=True, default="", choices=choices_of(characteristic)
    )


class EqualityAnswers(models.Model):
    """One expert's answers. Blank means not answered; PREFER_NOT, "Prefer not to say"."""

    expert = models.OneToOneField(Expert, on_delete=models.CASCADE, related_name="+")
    age_band = _answer(AGE)
    ethnic_group = _answer(ETHNIC_GROUP)
    ethnic_detail = models.CharField(
        max_length=30,
        blank=True,
        default="",
        choices=[(key, label) for key, label, _ in ETHNIC_DETAIL],
    )
    disability = _answer(DISABILITY)
    sex = _answer(SEX)
    gender_identity = _answer(GENDER_IDENTITY)
    sexual_orientation = _answer(SEXUAL_ORIENTATION)
    religion = _answer(RELIGION)
    carer = _answer(CARER)
    consent_at = models.DateTimeField()
    consent_version = models.CharField(max_length=20)
    # Who typed them in: blank when the expert did; a coordinator copying a paper form.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "equality answers"

    def __str__(self) -> str:
        # Never the answers themselves.
        return f"Equality monitoring answers {self.pk}"


class Population(models.Model):
    """The local population for one characteristic: a count for each census category (the
    keys of its Characteristic), with where the figures came from."""

    characteristic = models.CharField(max_length=30, unique=True)
    counts = models.JSONField(default=dict)
    source = models.CharField(max_length=200)
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["characteristic"]

    def __str__(self) -> str:
        return f"Local population: {self.characteristic}"


class FewestShown(models.Model):
    """The fewest people a figure may show; smaller counts read "fewer than N". The number in
    force is the latest row; with no row, DEFAULT_FEWEST."""

    fewest = models.PositiveSmallIntegerField(
        default=DEFAULT_FEWEST,
        validators=[MinValueValidator(FEWEST_ALLOWED), MaxValueValidator(MOST_ALLOWED)],
    )
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name_plural = "fewest shown"

    def __str__(self) -> str:
        return f"Fewest people shown: {self.fewest}"

    @classmethod
    def current(cls) -> "FewestShown":
        return cls.objects.select_related("set_by").first() or cls()


__all__ = ["PREFER_NOT", "PREFER_NOT_LABEL", "EqualityAnswers", "FewestShown", "Population"]
