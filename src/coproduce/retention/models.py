"""How long each kind of record is kept (coproduce.retention.kinds), and each time the rules
were applied. A change of periods is a new row, so the page can say who set them and when."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from coproduce.retention.kinds import BY_FIELD


def _period(field: str) -> models.PositiveSmallIntegerField:
    kind = BY_FIELD[field]
    return models.PositiveSmallIntegerField(
        default=kind.default,
        validators=[MinValueValidator(kind.least), MaxValueValidator(kind.most)],
        help_text=kind.unit,
    )


class RetentionPeriods(models.Model):
    """The periods in force are the latest row; with no row, each kind's default."""

    people_who_left_months = _period("people_who_left_months")
    enquiries_months = _period("enquiries_months")
    receipts_months = _period("receipts_months")
    audit_months = _period("audit_months")
    abandoned_imports_days = _period("abandoned_imports_days")
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name_plural = "retention periods"

    def __str__(self) -> str:
        return f"Retention periods set {self.set_at:%Y-%m-%d}"

    @classmethod
    def current(cls) -> "RetentionPeriods":
        """The periods in force (one query); an unsaved row of defaults if none was ever set."""
        return cls.objects.select_related("set_by").first() or cls()


class RetentionRun(models.Model):
    """One application of the rules: when, the periods used and how many records of each kind
    went. Counts only: nothing here says who."""

    at = models.DateTimeField(default=timezone.now)
    periods = models.JSONField(default=dict)
    people_who_left = models.PositiveIntegerField(default=0)
    enquiries = models.PositiveIntegerField(default=0)
    receipts = models.PositiveIntegerField(default=0)
    audit_records = models.PositiveIntegerField(default=0)
    abandoned_imports = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Retention applied {self.at:%Y-%m-%d %H:%M}"

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTED}


# The RetentionRun count for each kind, in the order of kinds.KINDS.
COUNT_FOR = {
    "people_who_left_months": "people_who_left",
    "enquiries_months": "enquiries",
    "receipts_months": "receipts",
    "audit_months": "audit_records",
    "abandoned_imports_days": "abandoned_imports",
}
COUNTED = tuple(COUNT_FOR.values())
