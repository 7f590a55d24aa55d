"""The declarations app's records: a programme manager's co-production declaration for a
programme or project, its entries (where co-production took place or will, at which stage and
rung, with whom and to what effect), the co-production board's meetings, its review of each
declaration and the follow-ups it asks for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.accounts.models import Team
from coproduce.core.models import TimeStamped
from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.models import Group, Opportunity

# "Doing with": the rungs the board most wants to see.
DOING_WITH = (Rung.CO_DESIGN, Rung.CO_PRODUCTION)
# How many follow-ups one review asks for at most (a fixed set of rows: no JavaScript needed).
MOST_FOLLOW_UPS = 3


class Status(models.TextChoices):
    """Where a declaration is. Every allowed move is in services.py: a draft is submitted to
    wait for the board; the board's review gives one of the last three; a change after
    submission sends it back to wait for the board."""

    DRAFT = "draft", "Draft"
    WAITING = "waiting", "Waiting for the board"
    AGREED = "agreed", "Agreed"
    FOLLOW_UPS = "follow_ups", "Agreed with follow-ups"
    NEEDS_WORK = "needs_work", "Needs more work"


# What the board may decide.
DECISIONS = (Status.AGREED, Status.FOLLOW_UPS, Status.NEEDS_WORK)


class Declaration(TimeStamped):
    """One programme's or project's declaration. `owner` is the programme manager it belongs
    to; `written_by` who started it (the owner, or the involvement team for them)."""

    name = models.CharField(max_length=200)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="declarations")
    description = models.TextField(max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def submitted(self) -> bool:
        return self.status != Status.DRAFT


class Entry(models.Model):
    """One place where co-production took place or will. `happened` says which; `effect` is
    the effect it had, or for planned work the effect hoped for."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="entries")
    where = models.CharField(max_length=300)
    happened = models.BooleanField()
    on = models.DateField()
    stage = models.CharField(max_length=10, choices=Stage.choices)
    rung = models.PositiveSmallIntegerField(choices=Rung.choices)
    with_whom = models.TextField(max_length=1000)
    groups = models.ManyToManyField(Group, blank=True, related_name="declaration_entries")
    opportunities = models.ManyToManyField(
        Opportunity, blank=True, related_name="declaration_entries"
    )
    effect = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "id"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(happened=False) | ~Q(effect=""),
                name="entry_that_happened_says_its_effect",
            )
        ]

    def __str__(self) -> str:
        return self.where

    @property
    def doing_with(self) -> bool:
        return self.rung in DOING_WITH


class BoardMeeting(TimeStamped):
    """A meeting of the co-production board, whose agenda is the declarations waiting."""

    held_on = models.DateField()
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Co-production board, {self.held_on:%d %B %Y}"


class Review(models.Model):
    """The board's review of one declaration at one meeting."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(max_length=12, choices=[(s.value, s.label) for s in DECISIONS])
    comments = models.TextField(max_length=3000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.declaration}"


class FollowUp(models.Model):
    """Something the board asked for: what, who and by when; done when someone says so."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="follow_ups")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="follow_ups"
    )
    what = models.TextField(max_length=1000)
    who = models.CharField(max_length=200)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def done(self) -> bool:
        return self.done_at is not None
