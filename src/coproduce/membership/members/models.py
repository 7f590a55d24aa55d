"""Constituencies and members. A member belongs to exactly one constituency at a time (the
trust's constitution says so); a member who leaves keeps their row, marked left, so that counts
over time and an election's frozen list of voters stay true. A member may also be an Expert by
Experience (`expert`): the two are doors into one relationship."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import TimeStamped
from coproduce.impact.equality.categories import (
    DISABILITY,
    ETHNIC_GROUP,
    SEX,
    Characteristic,
    choices_of,
)
from coproduce.membership.members.choices import (
    AreaKind,
    ConstituencyKind,
    JoinedBy,
    MemberStatus,
)

DEFAULT_MINIMUM_AGE = 16


class Constituency(TimeStamped):
    """A constituency the trust's constitution defines, with its number of governor seats.
    A public constituency lists the areas it covers (`areas`: postcode districts such as "LS6",
    or local authority names, as `area_kind` says); the others have none."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=ConstituencyKind.choices)
    area_kind = models.CharField(max_length=20, choices=AreaKind.choices, blank=True)
    areas = models.JSONField(default=list, blank=True)
    governor_seats = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    # The people who live in the area (or who could belong, for the others), from census
    # tables, to show how representative membership is. None: not entered.
    population = models.PositiveIntegerField(null=True, blank=True)
    open_to_new_members = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "constituencies"

    def __str__(self) -> str:
        return self.name


class MembershipSettings(models.Model):
    """The trust's membership rules. The latest row is in force; with none, the defaults."""

    minimum_age = models.PositiveSmallIntegerField(
        default=DEFAULT_MINIMUM_AGE, validators=[MinValueValidator(11), MaxValueValidator(25)]
    )
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name_plural = "membership settings"

    def __str__(self) -> str:
        return f"Members must be at least {self.minimum_age}"

    @classmethod
    def current(cls) -> "MembershipSettings":
        return cls.objects.first() or cls()


class Member(TimeStamped):
    """One member of the Foundation Trust. Personal data: the register of members is open to
    the membership office only (and, as the law allows, to the returning officer for an
    election's list of voters)."""

    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="members")
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.MEMBER
    )
    joined_at = models.DateTimeField(default=timezone.now)
    joined_by = models.CharField(max_length=20, choices=JoinedBy.choices)
    left_at = models.DateTimeField(null=True, blank=True)
    left_reason = models.CharField(max_length=200, blank=True)

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(max_length=500, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    date_of_birth = models.DateField()
    # Staff enrolled from the staff list are known by their staff number.
    staff_number = models.CharField(max_length=30, blank=True)

    # How the member wants to hear from the trust.
    by_email = models.BooleanField(default=True)
    by_post = models.BooleanField(default=False)
    wants_news = models.BooleanField(default=True)
    consent_at = models.DateTimeField(default=timezone.now)
    privacy_notice_version = models.CharField(max_length=20, blank=True)

    expert = models.OneToOneField(
        "people.Expert",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership",
    )
    # When the member's personal data was erased (UK GDPR article 17): the row stays, marked
    # left and without their details, for counts over time and elections' records.
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["constituency", "status"]),
            models.Index(fields=["email"]),
            models.Index(fields=["postcode"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_number"],
                condition=~Q(staff_number=""),
                name="member_staff_number_once",
            ),
            models.CheckConstraint(
                condition=Q(status=MemberStatus.MEMBER, left_at__isnull=True)
                | Q(status=MemberStatus.LEFT, left_at__isnull=False),
                name="member_left_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_member(self) -> bool:
        return self.status == MemberStatus.MEMBER


def _answer(characteristic: Characteristic) -> models.CharField:
    return models.CharField(
        max_length=20, blank=True, default="", choices=choices_of(characteristic)
    )


class MemberCharacteristics(models.Model):
    """What a member chose to tell us for the trust's report to its regulator: special-category
    data, in a table of its own with no reverse name on Member, so that no list, export or page
    about the member picks it up by accident. Blank: not answered; "prefer_not": prefer not to
    say. Counted only, in queries.representation."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+")
    sex = _answer(SEX)
    ethnic_group = _answer(ETHNIC_GROUP)
    disability = _answer(DISABILITY)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "member characteristics"

    def __str__(self) -> str:
        # Never the answers themselves.
        return f"Member characteristics {self.pk}"
