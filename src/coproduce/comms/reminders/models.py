"""The records of reminders (issue 14): the organisation's settings (which reminders go, and
when), each person's reminders turned off, and each reminder sent, kept so that it is sent once
however often the schedule runs."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from coproduce.people.models import Expert

MOST_DAYS = 90
MOST_SESSION_DAYS = 3


class Kind(models.TextChoices):
    """Each reminder. The first four go to experts (and training to staff too); the rest go to
    staff."""

    SESSION = "session", "Sessions coming up"
    INVITATION = "invitation", "Invitations not answered"
    AGREEMENT = "agreement", "Agreements to sign"
    TRAINING = "training", "Training about to run out"
    CLAIM_CHECK = "claim_check", "Claims waiting to be checked"
    CLAIM_APPROVE = "claim_approve", "Claims waiting to be approved"
    OUTCOME = "outcome", "Outcomes overdue"


EXPERT_KINDS = (Kind.SESSION, Kind.INVITATION, Kind.AGREEMENT, Kind.TRAINING)
STAFF_KINDS = (Kind.CLAIM_CHECK, Kind.CLAIM_APPROVE, Kind.OUTCOME, Kind.TRAINING)


class OutcomeWho(models.TextChoices):
    REQUESTER = "requester", "The member of staff who asked for the work"
    TEAM = "team", "The involvement team"
    BOTH = "both", "Both"


def default_session_days() -> list[int]:
    return [7, 1]


class ReminderSettings(models.Model):
    """The organisation's reminder settings: one row (pk 1), made with the defaults the first
    time it is read."""

    session_on = models.BooleanField(default=True)
    session_days = models.JSONField(default=default_session_days)
    invitation_on = models.BooleanField(default=True)
    invitation_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(MOST_DAYS)]
    )
    agreement_on = models.BooleanField(default=True)
    agreement_days = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(MOST_DAYS)]
    )
    training_on = models.BooleanField(default=True)
    claim_check_on = models.BooleanField(default=True)
    claim_check_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(MOST_DAYS)]
    )
    claim_approve_on = models.BooleanField(default=True)
    claim_approve_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(MOST_DAYS)]
    )
    outcome_on = models.BooleanField(default=True)
    outcome_who = models.CharField(
        max_length=10, choices=OutcomeWho.choices, default=OutcomeWho.BOTH
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return "Reminder settings"

    def is_on(self, kind: str) -> bool:
        return bool(getattr(self, f"{kind}_on"))


class ExpertReminderOff(models.Model):
    """One kind of reminder an expert asked not to get."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    turned_off_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["expert", "kind"], name="expert_reminder_off_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} off"


class StaffReminderOff(models.Model):
    """One kind of reminder a member of staff asked not to get."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    turned_off_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="staff_reminder_off_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} off"


class SentReminder(models.Model):
    """A reminder decided on: made in the same transaction as the decision to send it, and
    unique for its kind, what it is about, who it is to and (for sessions) the days before, so
    a second run of the schedule, or two at once, sends nothing new.

    `recipient` is "expert-<pk>" or "user-<pk>"; `expert` is kept too, for the expert's
    subject access export and erasure. `how` says how it went ("email", "text", "email and
    text") or, when nothing was sent, why (`not_sent`)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    about_id = models.PositiveBigIntegerField()
    recipient = models.CharField(max_length=40)
    days_before = models.PositiveSmallIntegerField(default=0)
    expert = models.ForeignKey(
        Expert, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=40, blank=True)
    not_sent = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "about_id", "recipient", "days_before"],
                name="reminder_sent_once",
            )
        ]
        indexes = [models.Index(fields=["expert"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.about_id} to {self.recipient}"
