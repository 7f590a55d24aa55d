"""Paying experts: the dated payment policy, claims and their lines, payment runs, team budgets,
and each expert's choice about the fee for a session."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from coproduce.accounts.models import Team
from coproduce.core.models import TimeStamped
from coproduce.opportunities.choices import Kind
from coproduce.opportunities.models import Invitation
from coproduce.payments import transitions
from coproduce.payments.choices import (
    LINE_CATEGORIES,
    ClaimKind,
    ClaimStatus,
    ExpenseCategory,
    FeeChoice,
    FeeDecider,
    RateUnit,
)
from coproduce.people.models import Expert

NOT_NEGATIVE = [MinValueValidator(Decimal("0.00"))]


def money_field(**options) -> models.DecimalField:
    return models.DecimalField(max_digits=10, decimal_places=2, validators=NOT_NEGATIVE, **options)


class Policy(TimeStamped):
    """The payment policy in force from a day until the next one starts. A change of rates is
    a new policy, so old claims keep the rates of their session's date."""

    effective_from = models.DateField(unique=True)
    mileage_rate = models.DecimalField(
        max_digits=5, decimal_places=2, validators=NOT_NEGATIVE, help_text="Pounds per mile"
    )
    claim_deadline_days = models.PositiveSmallIntegerField(
        default=90, validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    # How many hours make a half day or a day, for rates paid that way.
    half_day_hours = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("4"))
    day_hours = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("7.5"))
    # Whether a piece of work may be paid at an hourly rate agreed for it instead of the rate
    # for its type of involvement. Types with no rate here are always paid the agreed rate.
    allows_agreed_rates = models.BooleanField(default=False)
    summary = models.TextField(
        max_length=3000, help_text="What experts read about expenses, in plain English"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return f"Payment policy from {self.effective_from:%Y-%m-%d}"


class Rate(models.Model):
    """What one type of involvement pays under a policy."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="rates")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.CharField(max_length=10, choices=RateUnit.choices)
    amount = models.DecimalField(max_digits=7, decimal_places=2, validators=NOT_NEGATIVE)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "kind"], name="one_rate_per_kind_per_policy")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount} {self.get_unit_display().lower()}"


class ExpenseRule(models.Model):
    """An expense experts may claim under a policy, its limit, and when a receipt is needed."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="expense_rules")
    category = models.CharField(max_length=20, choices=ExpenseCategory.choices)
    # The most one claim may ask for (pounds); for mileage, the most miles.
    limit = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    # A receipt is needed above this amount: 0 means always, empty means never.
    receipt_over = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    # A taxi, say, must have been agreed beforehand: the claim names who agreed it.
    needs_agreement = models.BooleanField(default=False)

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "category"], name="one_rule_per_category_per_policy"
            )
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class PaymentRun(TimeStamped):
    """A batch of approved claims exported to finance. Its claims are then paid."""

    reference = models.CharField(max_length=20, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField()
    claim_count = models.PositiveIntegerField(default=0)
    total = money_field(default=Decimal("0.00"))

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference


class Claim(TimeStamped):
    """Money owed to an expert for one session: the involvement payment made from attendance,
    or expenses. A claim is in one payment run at most, ever."""

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="claims")
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    # Copied from the session and its opportunity: benefits periods and budgets count by them.
    session_date = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="claims")
    total = money_field(default=Decimal("0.00"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    on_behalf = models.BooleanField(default=False, help_text="Submitted by staff for the expert")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(max_length=1000, blank=True)
    # Why the involvement team sent the claim back to be corrected, for the expert to read.
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(max_length=1000, blank=True)
    # The last time it was corrected and sent again, and by whom (the expert, or the team).
    resubmitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resubmitted_at = models.DateTimeField(null=True, blank=True)
    # Why an approver paid a fee that takes the expert past a declared benefits limit.
    override_reason = models.TextField(max_length=1000, blank=True)
    payment_run = models.ForeignKey(
        PaymentRun, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # However often attendance is saved, a session pays its fee once.
            models.UniqueConstraint(
                fields=["invitation"],
                condition=Q(kind=ClaimKind.INVOLVEMENT),
                name="one_involvement_payment_per_invitation",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PAID) | Q(payment_run__isnull=False),
                name="paid_claim_is_in_a_payment_run",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="claim_total_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["team", "session_date"]),
            models.Index(fields=["expert", "session_date"]),
            # Payments near a day, for everyone (the shortlist's benefits rule).
            models.Index(fields=["session_date", "kind"]),
            # Involvement claims paid in a period, with their session's day: the dashboard's
            # days to payment reads this index alone.
            models.Index(fields=["kind", "paid_on", "session_date"], name="claim_kind_paid_on_idx"),
            # Spend by the month of the session: the budget report reads this index alone.
            models.Index(
                fields=["session_date", "status", "team", "total"], name="claim_spend_cover_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.expert} ({self.session_date:%Y-%m-%d})"

    def may(self, move: str) -> bool:
        """Whether the claim's status allows `move` now (payments/transitions.py lists them)."""
        return transitions.may(self.status, move)


def receipt_path(instance: "ClaimLine", filename: str) -> str:
    # The expert's name never goes in a file name; the original name is kept on the line.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (
        f"receipts/{instance.claim.expert_id}/{instance.claim_id}-{instance.pk or 'new'}.{suffix}"
    )


class ClaimLine(models.Model):
    """One amount in a claim, rounded to the penny once: the fee, or one expense."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(max_length=20, choices=LINE_CATEGORIES)
    description = models.CharField(max_length=200)
    # Hours, half days, days or miles, with the rate per unit; empty for a plain amount.
    quantity = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    unit_rate = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    amount = money_field()
    receipt = models.FileField(upload_to=receipt_path, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    agreed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.description}: £{self.amount}"


class Budget(TimeStamped):
    """A team's involvement budget for a financial year (1 April to 31 March)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="budgets")
    # The calendar year the financial year starts in: 2026 is April 2026 to March 2027.
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = money_field()
    cost_centre = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["-year", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="one_budget_per_team_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.year}/{(self.year + 1) % 100:02d}"


class FeeDecision(TimeStamped):
    """What is paid for a session when it is not simply the fee: the expert's own choice
    (expenses only, a reduced fee, or no fee), or staff going ahead past a benefits warning,
    with the reason. Recorded, never silent."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="fee_decision"
    )
    choice = models.CharField(max_length=15, choices=FeeChoice.choices)
    reduced_amount = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    by_expert = models.BooleanField(default=True)
    decided_by = models.CharField(
        max_length=10, choices=FeeDecider.choices, default=FeeDecider.EXPERT
    )
    reason = models.TextField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(choice=FeeChoice.REDUCED) | Q(reduced_amount__isnull=False),
                name="reduced_fee_has_an_amount",
            ),
            # Only the team overrides: an expert's own entry is their choice.
            models.CheckConstraint(
                condition=~Q(decided_by=FeeDecider.OVERRIDE) | Q(by_expert=False),
                name="an_override_is_made_by_the_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} for {self.invitation}"
