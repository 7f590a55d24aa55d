"""The outcomes app's records: what changed because experts took part in a piece of work
("you said, we did", or why nothing changed), each time the experts who attended were told
about it, and the organisation's number of weeks after a piece of work's last session by
which its outcome is due."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import TimeStamped
from coproduce.opportunities.models import Opportunity
from coproduce.people.models import Expert

DEFAULT_WEEKS = 8
FEWEST_WEEKS = 1
MOST_WEEKS = 52
# How many "you said, we did" pairs one outcome holds.
MOST_PAIRS = 6


class OutcomeWeeks(models.Model):
    """How many weeks after a piece of work's last session its outcome is due. The weeks in
    force are the latest row; with no row, DEFAULT_WEEKS. A change is a new row, so the page
    can say who set it and when (as retention periods are kept)."""

    weeks = models.PositiveSmallIntegerField(
        default=DEFAULT_WEEKS,
        validators=[MinValueValidator(FEWEST_WEEKS), MaxValueValidator(MOST_WEEKS)],
    )
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name_plural = "outcome weeks"

    def __str__(self) -> str:
        return f"Outcomes due {self.weeks} weeks after the last session"

    @classmethod
    def current(cls) -> "OutcomeWeeks":
        """The weeks in force (one query); an unsaved row of the default if none was set."""
        return cls.objects.select_related("set_by").first() or cls()


class Outcome(TimeStamped):
    """What changed because experts took part in one piece of work. Either something changed
    (`changed`, with one or more `pairs` of what experts said and what was done) or nothing
    did (`why_nothing` says why). `summary` is an optional few plain words for the experts.

    `round` counts the times the experts were to be told: 1 when it is recorded, one more
    each time a correction is told to them. Each expert is told once a round."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="outcome"
    )
    changed = models.BooleanField()
    # [{"said": "what experts said", "did": "what was done"}, ...]
    pairs = models.JSONField(default=list, blank=True)
    why_nothing = models.TextField(max_length=2000, blank=True)
    summary = models.TextField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    round = models.PositiveSmallIntegerField(default=1)
    # When the experts were last told (at least one of them, by email or text): the
    # dashboard's "share told back to experts".
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(changed=True) | ~Q(why_nothing=""),
                name="outcome_says_why_nothing_changed",
            )
        ]

    def __str__(self) -> str:
        return f"Outcome of {self.opportunity}"


class Telling(models.Model):
    """One expert told about one outcome, once a round: what they were told (`words`, the
    outcome as it was sent) and when, or why they could not be (`problem`)."""

    class How(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"
        EMAIL_AND_TEXT = "both", "Email and text message"
        NOT_SENT = "", "Not sent"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="tellings")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="outcome_tellings")
    round = models.PositiveSmallIntegerField(default=1)
    words = models.JSONField(default=dict, blank=True)
    how = models.CharField(max_length=5, choices=How.choices, blank=True, default="")
    problem = models.CharField(max_length=200, blank=True)
    told_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "expert", "round"], name="one_telling_per_expert_a_round"
            )
        ]
        indexes = [models.Index(fields=["expert", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.expert} told of {self.outcome}"
