"""The register of Experts by Experience."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import ChoiceList, TimeStamped
from coproduce.people.choices import (
    BenefitsDeclaration,
    Channel,
    PaymentPreference,
    Perspective,
    Status,
)


class LivedExperienceArea(ChoiceList):
    """e.g. dementia, autism, carer of an older person, children's services."""


class Skill(ChoiceList):
    """e.g. interview panel, reading papers, chairing, training delivery."""


class AccessNeed(ChoiceList):
    """e.g. easy read, large print, BSL interpreter, hearing loop, step-free access."""


class Locality(ChoiceList):
    class Meta(ChoiceList.Meta):
        verbose_name_plural = "localities"


def photo_path(instance: "Expert", filename: str) -> str:
    # A random name: the original file name may identify the person.
    return f"photos/{uuid.uuid4().hex}.jpg"


class ExpertQuerySet(models.QuerySet):
    def processable(self) -> "ExpertQuerySet":
        """People we may use for our work: not restricted (UK GDPR article 18) and not erased.
        Every search, shortlist, invitation, mailing and export starts here."""
        return self.filter(restricted_at__isnull=True, erased_at__isnull=True)

    def restricted(self) -> "ExpertQuerySet":
        return self.filter(restricted_at__isnull=False, erased_at__isnull=True)


class Expert(TimeStamped):
    # Who they are
    full_name = models.CharField(max_length=150)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    biography = models.TextField(max_length=2000, blank=True)

    # How to reach them
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="Stored in international form")
    address = models.TextField(max_length=500, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    preferred_channel = models.CharField(
        max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="experts"
    )
    # How they need what we send them (choices.CommunicationNeed codes), and the carer or
    # supporter copied in when they ask for it.
    communication_needs = models.JSONField(default=list, blank=True)
    carer_name = models.CharField(max_length=150, blank=True)
    carer_email = models.EmailField(blank=True)

    # What they bring
    perspective = models.CharField(max_length=20, choices=Perspective.choices)
    lived_experience = models.ManyToManyField(
        LivedExperienceArea, blank=True, related_name="experts"
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="experts")

    # What they need to take part
    access_needs = models.ManyToManyField(AccessNeed, blank=True, related_name="experts")
    access_notes = models.TextField(max_length=1000, blank=True)
    available_days = models.JSONField(default=list, blank=True)
    available_times = models.JSONField(default=list, blank=True)
    notice_days = models.PositiveSmallIntegerField(
        default=7, help_text="How many days' notice they need"
    )

    # Payment
    payment_preference = models.CharField(
        max_length=10, choices=PaymentPreference.choices, default=PaymentPreference.PAID
    )
    benefits_declaration = models.CharField(
        max_length=15, choices=BenefitsDeclaration.choices, default=BenefitsDeclaration.NONE
    )
    earnings_limit = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    assessment_period_start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    payee_reference = models.CharField(max_length=40, blank=True)

    # Where they are with us
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ENQUIRY, db_index=True
    )
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_privacy_notice_version = models.CharField(max_length=20, blank=True)
    internal_notes = models.TextField(max_length=5000, blank=True)
    source = models.CharField(max_length=30, blank=True)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
    )

    # Restriction of processing (UK GDPR article 18): while set, the person is left out of
    # searches, shortlists, invitations, mailings and exports, and their record says why.
    restricted_at = models.DateTimeField(null=True, blank=True)
    restriction_reason = models.CharField(max_length=300, blank=True)
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Erasure (article 17): the row stays, emptied of everything personal, so that payments and
    # claims kept for HMRC still add up; nothing can be done with an erased record.
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["full_name", "id"]),
            models.Index(fields=["email"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["status", "full_name"]),
            models.Index(fields=["-created_at"]),
            # The register counts and lists only the people it may use (processable()): this
            # index holds just them, so the count reads it alone, not every row of the table.
            models.Index(
                fields=["full_name", "id"],
                condition=Q(erased_at__isnull=True, restricted_at__isnull=True),
                name="expert_processable_name_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(earnings_limit__isnull=True) | Q(earnings_limit__gte=0),
                name="expert_earnings_limit_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(assessment_period_start_day__isnull=True)
                | Q(assessment_period_start_day__gte=1, assessment_period_start_day__lte=31),
                name="expert_assessment_day_in_month",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None

    @property
    def may_be_contacted(self) -> bool:
        """Whether reminders and news may be sent to them: not while their processing is
        restricted, never once erased, and not after they have left."""
        return self.restricted_at is None and self.erased_at is None and self.status != Status.LEFT


class StatusChange(models.Model):
    """Each move along enquiry → onboarding → active → paused → left, with why."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # An expert's status on a day: their latest change before it (equality's register).
            models.Index(fields=["expert", "at"], name="statuschange_expert_at_idx"),
            # The changes made in a period (the dashboard's new and leaving experts).
            models.Index(fields=["at"], name="statuschange_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} to {self.to_status}"


def import_path(instance: "ImportBatch", filename: str) -> str:
    # A random name: the original file name may identify people, and must not be guessable.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"imports/{uuid.uuid4().hex}.{extension}"


class ImportBatch(TimeStamped):
    """A spreadsheet a coordinator is importing into the register, from upload to import.
    The file is kept in private storage only until it is imported or cancelled."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        MAPPED = "mapped", "Columns chosen"
        IMPORTED = "imported", "Imported"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=import_path, blank=True)
    file_format = models.CharField(max_length=4)
    headers = models.JSONField(default=list)
    # One entry per column, in order: the register field it fills, or "" to ignore it.
    mapping = models.JSONField(default=list)
    # What to record for a row that leaves perspective or status blank ("" means it is an error).
    default_perspective = models.CharField(max_length=20, choices=Perspective.choices, blank=True)
    default_status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPLOADED)
    # What the coordinator chose for each likely duplicate, by row number: "add" or
    # "leave_out". Kept here so a choice holds across pages of the check and a failed import.
    duplicate_choices = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return self.original_name

    @property
    def source(self) -> str:
        """Written on each imported expert, so the batch's people can be found again."""
        return f"spreadsheet import {self.pk}"
