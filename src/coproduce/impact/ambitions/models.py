"""The ambitions app's records: the organisation's strategic ambitions for involvement (in the
lead's order, retired ones kept with their history) and the pieces of work linked to each."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import TimeStamped
from coproduce.opportunities.models import Opportunity

# The largest yearly target: more than any organisation's year of involvement.
MOST_TARGET = 1_000_000


class Measure(models.TextChoices):
    """What a yearly target counts: things the app counts itself, in the period chosen."""

    NONE = "", "No target"
    WORK = "work", "Pieces of work with sessions in the year"
    SESSIONS = "sessions", "Sessions held"
    HOURS = "hours", "Hours of involvement"
    EXPERTS = "experts", "Different experts involved"
    OUTCOMES = "outcomes", "Outcomes recorded"


class Ambition(TimeStamped):
    """One of the organisation's strategic ambitions for involvement: a short title, what it
    means in plain words, how progress will be judged and, optionally, a yearly target of one
    `measure`. `position` orders them (lowest first). A retired ambition keeps its links and
    history, and is no longer shown among the ambitions in force."""

    title = models.CharField(max_length=120)
    meaning = models.TextField(max_length=2000)
    judged_by = models.TextField(max_length=2000)
    measure = models.CharField(max_length=10, choices=Measure.choices, blank=True, default="")
    target = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MOST_TARGET)]
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opportunities: "models.ManyToManyField[Opportunity, AmbitionLink]" = models.ManyToManyField(
        Opportunity, through="AmbitionLink", related_name="ambitions", blank=True
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure="") & Q(target__isnull=True))
                | (~Q(measure="") & Q(target__isnull=False)),
                name="ambition_target_has_a_measure",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


class AmbitionLink(models.Model):
    """A piece of work linked to an ambition it serves, by whom and when."""

    ambition = models.ForeignKey(Ambition, on_delete=models.CASCADE, related_name="links")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="ambition_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambition", "opportunity"], name="work_linked_to_an_ambition_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} serves {self.ambition}"
