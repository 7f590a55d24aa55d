"""What an expert signs and receives before they take part: versioned agreements (the
confidentiality agreement and code of conduct, which work can name as prerequisites) and their
signatures, the onboarding checklist's settings, photo ID badges, support sheets and welcome
packs. Training is the training app's."""

import secrets
import uuid
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduce.people.models import Expert


class Prerequisite(models.TextChoices):
    """What work can require. Agreements are met by signing their current version; training
    by a valid record of a course of that kind (coproduce.training.models.CourseKind)."""

    CONFIDENTIALITY = "confidentiality", "Signed confidentiality agreement"
    CODE_OF_CONDUCT = "code_of_conduct", "Signed code of conduct"
    SAFEGUARDING = "safeguarding", "Safeguarding training"
    INDUCTION = "induction", "Induction training"
    INVESTIGATION = "investigation", "Investigation training"
    INFORMATION_GOVERNANCE = "information_governance", "Information governance training"


class Agreement(models.Model):
    """A document experts sign: the confidentiality agreement, the code of conduct, the
    privacy notice, a role description. What it says is in its versions; the newest is the
    current one, and a new version asks everyone to sign again. There is at most one
    agreement in use of each of the first three kinds: work names them as prerequisites and
    the onboarding checklist asks for them."""

    class Kind(models.TextChoices):
        CONFIDENTIALITY = "confidentiality", "Confidentiality agreement"
        CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct"
        PRIVACY_NOTICE = "privacy_notice", "Privacy notice"
        ROLE_DESCRIPTION = "role_description", "Role description"
        OTHER = "other", "Other agreement"

    # The kinds there is only one of (in use) at a time.
    SINGLE_KINDS = (Kind.CONFIDENTIALITY, Kind.CODE_OF_CONDUCT, Kind.PRIVACY_NOTICE)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("title"),
                name="agreement_title_unique_any_case",
                violation_error_message="There is already an agreement with that title",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(
                    retired_at__isnull=True,
                    kind__in=["confidentiality", "code_of_conduct", "privacy_notice"],
                ),
                name="one_agreement_in_use_per_single_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgreementVersion(models.Model):
    """One version of an agreement, never changed once published: what it says (Markdown,
    made into HTML by coproduce.onboarding.markdown each time it is shown), the same in Easy
    Read, and what changed since the version before. Numbered 1, 2, 3 … within the agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    body = models.TextField(max_length=30_000, help_text="Markdown")
    easy_read = models.TextField(max_length=20_000, help_text="Markdown, in short sentences")
    what_changed = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="agreement_version_number_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.title}, version {self.number}"


class Signature(models.Model):
    """An expert signed one version of an agreement: in the portal, typing their name, or on
    paper, which a coordinator records for them with the day it was signed."""

    class Method(models.TextChoices):
        PORTAL = "portal", "In the portal"
        PAPER = "paper", "On paper"

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="signatures")
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    typed_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.PORTAL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "version"], name="one_signature_per_expert_and_version"
            )
        ]
        indexes = [models.Index(fields=["version", "expert"])]

    def __str__(self) -> str:
        return f"{self.version} signed {self.signed_at:%Y-%m-%d}"


class ChecklistItem(models.TextChoices):
    """What a new expert may need before they are made active."""

    PRIVACY_NOTICE = "privacy_notice", "Privacy notice acknowledged"
    CONFIDENTIALITY = "confidentiality", "Confidentiality agreement signed"
    CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct signed"
    INDUCTION = "induction", "Induction training done"
    SAFEGUARDING = "safeguarding", "Safeguarding training done"
    PHOTO = "photo", "Photo provided"
    WELCOME_PACK = "welcome_pack", "Welcome pack sent"
    BADGE = "badge", "Photo ID badge issued"


# Required until the involvement lead says otherwise: what the organisation needs before
# someone takes part. The welcome pack and the badge often follow on the first day.
DEFAULT_REQUIRED = [
    ChecklistItem.PRIVACY_NOTICE,
    ChecklistItem.CONFIDENTIALITY,
    ChecklistItem.CODE_OF_CONDUCT,
    ChecklistItem.INDUCTION,
    ChecklistItem.SAFEGUARDING,
    ChecklistItem.PHOTO,
]


def default_required() -> list[str]:
    return [str(item) for item in DEFAULT_REQUIRED]


class ChecklistSettings(models.Model):
    """Which checklist items the organisation requires before an expert is made active (one
    row; the others are shown but do not hold anyone back)."""

    required = models.JSONField(default=default_required)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "checklist settings"

    def __str__(self) -> str:
        return "Onboarding checklist"


class BadgeStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


def badge_token() -> str:
    # 32 characters, about 192 bits: the check page's address cannot be guessed or counted.
    return secrets.token_urlsafe(24)


class Badge(models.Model):
    """A photo ID badge given to one expert, valid from the day it is issued until it expires
    or is revoked. Issuing a new badge revokes the one before, so an expert has at most one
    badge that is not revoked. The badge's QR code opens the public check page by `token`."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="badges")
    token = models.CharField(max_length=64, unique=True, default=badge_token, editable=False)
    issued_on = models.DateField()
    expires_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("issued_on")),
                name="badge_expires_after_issue",
            ),
            models.UniqueConstraint(
                fields=["expert"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_unrevoked_badge_per_expert",
            ),
        ]
        indexes = [models.Index(fields=["revoked_at", "expires_on", "issued_on"])]

    def __str__(self) -> str:
        return f"Badge {self.number}"

    @property
    def number(self) -> str:
        """The number printed on the badge: its record's number, six figures at least."""
        return f"{self.pk:06d}" if self.pk else ""

    def status_on(self, day: date) -> BadgeStatus:
        """ "valid", "expired" or "revoked" on this day. A revoked badge says so first."""
        if self.revoked_at is not None:
            return BadgeStatus.REVOKED
        if day >= self.expires_on:
            return BadgeStatus.EXPIRED
        return BadgeStatus.VALID


def badge_print_path(instance: "BadgePrint", filename: str) -> str:
    # A random name in private storage: served only through the staff download view.
    return f"badges/{uuid.uuid4().hex}.pdf"


class BadgePrint(models.Model):
    """Many badges made into one PDF in the background, counting cards as it goes so the
    coordinator sees progress; the file is private and only the team downloads it."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        MAKING = "making", "Making the badges"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Could not be made"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    badge_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    prepared = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to=badge_print_path, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.total} badges, {self.created_at:%Y-%m-%d %H:%M}"


class SupportSheet(models.Model):
    """A page of guidance the involvement lead writes in Markdown: for staff (involving
    experts well, inclusive meetings) or for experts (what taking part involves). A retired
    sheet is kept, with its history, but no longer shown. The Markdown is made into HTML
    each time it is shown (coproduce.onboarding.markdown), so the sanitiser's rules of today
    apply to every sheet, however long ago it was written."""

    class Audience(models.TextChoices):
        STAFF = "staff", "Staff"
        EXPERTS = "experts", "Experts by Experience"

    title = models.CharField(max_length=120)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    summary = models.CharField(max_length=300)
    body = models.TextField(max_length=20_000, help_text="Markdown")
    position = models.PositiveSmallIntegerField(default=1, help_text="Lowest first")
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["audience", "position", "title", "id"]
        indexes = [models.Index(fields=["audience", "retired_at", "position"])]

    def __str__(self) -> str:
        return self.title


class WelcomePackSent(models.Model):
    """A welcome pack was sent to (or given to) an expert: the checklist's "welcome pack sent".
    What the pack said is not kept; it is made again from today's content when asked."""

    class Format(models.TextChoices):
        STANDARD = "standard", "Standard"
        LARGE_PRINT = "large_print", "Large print"
        EASY_READ = "easy_read", "Easy Read"

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="welcome_packs")
    sent_on = models.DateField()
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.STANDARD)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["expert", "-sent_on"])]

    def __str__(self) -> str:
        return f"Welcome pack sent on {self.sent_on}"
