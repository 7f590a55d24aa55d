"""What an expert has signed and completed before some work: the confidentiality agreement
and safeguarding training. Opportunities name these as prerequisites."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduce.people.models import Expert


class Prerequisite(models.TextChoices):
    CONFIDENTIALITY = "confidentiality", "Signed confidentiality agreement"
    SAFEGUARDING = "safeguarding", "Safeguarding training"


class Completion(models.Model):
    """One prerequisite met by one expert: signed or completed on a day, maybe expiring."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="completions")
    prerequisite = models.CharField(max_length=20, choices=Prerequisite.choices)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    version = models.CharField(max_length=20, blank=True, help_text="e.g. the agreement's version")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["expert", "prerequisite", "-completed_on"])]

    def __str__(self) -> str:
        return f"{self.get_prerequisite_display()} on {self.completed_on}"
