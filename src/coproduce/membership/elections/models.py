"""Governor elections. The secrecy of the ballot is kept by the shape of the tables:

- `Voter` is the list of voters, frozen when the poll opens, each with a one-time code kept only
  as its hash;
- `HasVoted` records that a voter has voted ("one member, one vote") and nothing else: its key is
  the voter, so it has no sequence of its own, and no time;
- `Ballot` is what was voted for, with a random key and no link to any voter or member and no
  time: nothing in the database leads from a ballot back to a person.

The timetable is in days: a day named as an opening opens at its start, one named as a closing
closes at its end (midnight), in the trust's time zone (`opens_at`, `closes_at`).
"""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.models import TimeStamped
from coproduce.membership.elections.choices import (
    Channel,
    Delivery,
    Method,
    NominationStatus,
    Status,
)
from coproduce.membership.members.models import Constituency, Member

STATEMENT_WORDS = 250


def opens_at(day: date) -> datetime:
    """The first moment of `day` in the trust's time zone."""
    return local_midnight(day)


def closes_at(day: date) -> datetime:
    """The end of `day` (the first moment of the next) in the trust's time zone."""
    return day_after(day)


class Election(TimeStamped):
    """An election of governors for one constituency, with its timetable."""

    title = models.CharField(max_length=200)
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    method = models.CharField(max_length=4, choices=Method.choices, default=Method.FPTP)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)

    notice_published = models.DateField()
    nominations_open = models.DateField()
    nominations_close = models.DateField()
    withdrawals_close = models.DateField()
    poll_opens = models.DateField()
    poll_closes = models.DateField()
    declaration = models.DateField()

    # The returning officer's contact, as the notice of election gives it (the Model Election
    # Rules): a person or an independent election services company. Shown on the notice and on
    # the voting pages, so a voter who lost their code knows whom to ask.
    officer_name = models.CharField(max_length=200, blank=True)
    officer_email = models.EmailField(max_length=254, blank=True)
    officer_phone = models.CharField(max_length=40, blank=True)

    # When the poll was set up: the list of voters is the constituency's members at that moment.
    voters_frozen_at = models.DateTimeField(null=True, blank=True)
    # The letters' codes are made when their file is downloaded, once (none are kept).
    letters_downloaded_at = models.DateTimeField(null=True, blank=True)
    # Ballots, voters and codes are disposed of after the retention period; the result stays.
    documents_disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-poll_closes", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_open__gte=models.F("notice_published"))
                & Q(nominations_close__gte=models.F("nominations_open"))
                & Q(withdrawals_close__gte=models.F("nominations_close"))
                & Q(poll_opens__gt=models.F("withdrawals_close"))
                & Q(poll_closes__gte=models.F("poll_opens"))
                & Q(declaration__gte=models.F("poll_closes")),
                name="election_timetable_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def officer_can_be_contacted(self) -> bool:
        """A name alone says whom to ask, not how: the contact needs an email or a phone."""
        return bool(self.officer_email or self.officer_phone)

    @property
    def officer_phone_link(self) -> str:
        """The phone number as a tel: link: "01632 960 001" as "tel:01632960001"."""
        return "tel:" + "".join(c for c in self.officer_phone if c.isdigit() or c == "+")

    def nominations_are_open(self, now: datetime) -> bool:
        return self.status == Status.NOMINATIONS and opens_at(
            self.nominations_open
        ) <= now < closes_at(self.nominations_close)

    def withdrawals_are_open(self, now: datetime) -> bool:
        return now < closes_at(self.withdrawals_close)

    def poll_is_open(self, now: datetime) -> bool:
        return self.status == Status.POLL and opens_at(self.poll_opens) <= now < closes_at(
            self.poll_closes
        )

    def poll_has_closed(self, now: datetime) -> bool:
        return now >= closes_at(self.poll_closes)


class Nomination(models.Model):
    """A member's nomination of themselves as a candidate, and the returning officer's decision."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(max_length=3000)
    declares_eligible = models.BooleanField()
    interests = models.TextField(max_length=2000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    reason = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            # A member stands once in an election; after a withdrawal they may not stand again
            # (the rules treat a withdrawal as final).
            models.UniqueConstraint(fields=["election", "member"], name="nomination_once"),
            models.CheckConstraint(
                condition=Q(declares_eligible=True), name="nomination_declares_eligible"
            ),
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.REJECTED) | ~Q(reason=""),
                name="nomination_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} in {self.election}"


class Voter(models.Model):
    """One member on an election's frozen list of voters, and the hash of their one-time code.
    The code itself is never stored: it is made when it is sent (by email, or in the letters'
    file) and only its SHA-256 is kept."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    delivery = models.CharField(max_length=5, choices=Delivery.choices)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="voter_once"),
            models.UniqueConstraint(
                fields=["code_hash"], condition=~Q(code_hash=""), name="voter_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Voter {self.pk} in election {self.election_id}"


class HasVoted(models.Model):
    """One member, one vote: this row exists once the voter has voted. Keyed by the voter
    itself (no sequence that would number votes in the order they came) and holding no time."""

    voter = models.OneToOneField(
        Voter, primary_key=True, on_delete=models.CASCADE, related_name="has_voted"
    )

    class Meta:
        verbose_name_plural = "has voted"

    def __str__(self) -> str:
        return f"Voter {self.voter_id} has voted"


class Ballot(models.Model):
    """One ballot: the nominations voted for, first preference first (for first past the post,
    the candidates marked, in nomination order). A random key, no voter, no time. A paper the
    returning officer rejects is kept with no preferences and the reason, so the papers add up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    preferences = models.JSONField(default=list)
    channel = models.CharField(max_length=6, choices=Channel.choices)
    rejection = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"Ballot in election {self.election_id}"


class Result(models.Model):
    """The count, kept after the ballots are disposed of: the count sheet as it was shown, who
    was elected, and the seed any lot was drawn from."""

    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="result")
    sheet = models.JSONField(default=dict)
    elected = models.JSONField(default=list)  # the elected candidates' names, in order
    elected_nominations = models.JSONField(default=list)
    # As text: a 64-bit seed does not fit a signed database integer.
    lot_seed = models.CharField(max_length=30, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counted_at = models.DateTimeField(default=timezone.now)
    declared_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Result of {self.election}"
