"""The records of Working Together: stories of involvement with their photos (each shown only
with the consent of everyone in it), and the annual award's rounds and nominations.

A story moves only as `MOVES` says (services.py makes each move): drafted, sent to the
involvement lead, published or sent back with a reason, and withdrawn. Photos are stored
privately and served to the public only while their story is published."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import TimeStamped
from coproduce.opportunities.models import Opportunity

# How many photos one story may have.
MOST_PHOTOS = 4


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for the involvement lead"
    SENT_BACK = "sent_back", "Sent back to change"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Every allowed move, in one place: (from, to). Any other is refused.
MOVES = {
    (StoryStatus.DRAFT, StoryStatus.SUBMITTED),
    (StoryStatus.SENT_BACK, StoryStatus.SUBMITTED),
    (StoryStatus.SUBMITTED, StoryStatus.PUBLISHED),
    (StoryStatus.SUBMITTED, StoryStatus.SENT_BACK),
    (StoryStatus.PUBLISHED, StoryStatus.WITHDRAWN),
}
# The submitter may change the words and photos only in these.
CHANGEABLE = {StoryStatus.DRAFT, StoryStatus.SENT_BACK}


class StoryQuerySet(models.QuerySet["Story"]):
    def published(self) -> "StoryQuerySet":
        return self.filter(status=StoryStatus.PUBLISHED)


class Story(TimeStamped):
    """A story of involvement: what was done, who took part (in words, with no names unless
    they agreed), what changed, and optionally the work it came from."""

    title = models.CharField(max_length=120)
    what_was_done = models.TextField(max_length=3000)
    who_took_part = models.CharField(max_length=300)
    what_changed = models.TextField(max_length=3000)
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    status = models.CharField(
        max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_together_stories",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    sent_back_reason = models.TextField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(max_length=1000, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    @property
    def changeable(self) -> bool:
        return self.status in CHANGEABLE

    @property
    def published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED


def story_photo_path(instance: "StoryPhoto", filename: str) -> str:
    # A random name: the original file name may identify the people in it.
    return f"stories/{uuid.uuid4().hex}.jpg"


class StoryPhoto(models.Model):
    """A photo in a story, with its text alternative and the consent of everyone in it: who
    gave it and how. A photo without that consent is never saved (the constraint says so too)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=story_photo_path)
    alt_text = models.CharField(max_length=250)
    everyone_consented = models.BooleanField(default=False)
    consent_how = models.CharField(max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(everyone_consented=True) & ~Q(consent_how=""),
                name="story_photo_shown_only_with_consent",
            )
        ]

    def __str__(self) -> str:
        return self.alt_text


class Category(models.TextChoices):
    PERSON = "person", "A person"
    TEAM = "team", "A team"
    PROJECT = "project", "A project"


class AwardRound(TimeStamped):
    """One year's Working Together award: nominations are open from `opens_on` to `closes_on`
    (both days included); the panel (named staff accounts) shortlists and records winners,
    who appear in the gallery once the panel announces them."""

    year = models.PositiveSmallIntegerField(unique=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="award_panels")
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="award_round_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return f"Working Together award {self.year}"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def announced(self) -> bool:
        return self.announced_at is not None


class Nomination(models.Model):
    """A nomination of a person, team or project, with the nominator's reason. The panel may
    shortlist it and record it as a winner with a short citation and the name to show."""

    award = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="nominations")
    category = models.CharField(max_length=10, choices=Category.choices)
    nominee = models.CharField(max_length=150)
    reason = models.TextField(max_length=3000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_nominations",
    )
    nominated_at = models.DateTimeField(default=timezone.now)
    shortlisted = models.BooleanField(default=False)
    winner = models.BooleanField(default=False)
    shown_as = models.CharField(max_length=150, blank=True)
    citation = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["category", "nominated_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(winner=False) | (~Q(shown_as="") & ~Q(citation="")),
                name="award_winner_has_a_citation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} ({self.get_category_display()})"
