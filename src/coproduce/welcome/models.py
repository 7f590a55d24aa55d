"""The welcome pack's wording as the involvement lead has changed it, who signs its letter and
which support sheets go in it, and many packs made into one PDF in the background.

The pack itself is not kept: it is made again from today's wording and records each time it
is asked for. Wording nobody has changed is the default written in code (sections.py), so a
section the lead puts back to the default has no row here."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class SectionWording(models.Model):
    """The lead's own wording for one section of the pack, in plain English and in Easy Read,
    both in Markdown (sanitised each time it is shown)."""

    key = models.CharField(max_length=30, unique=True)
    body = models.TextField(max_length=6000)
    easy_read = models.TextField(max_length=4000)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"Welcome pack wording: {self.key}"


class PackSettings(models.Model):
    """One row: the leaders who sign the welcome letter, and the support sheets for experts
    the lead chose to add to every pack."""

    # One leader a line: "Name, Role".
    signed_by = models.TextField(max_length=1000, blank=True)
    sheet_ids = models.JSONField(default=list, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "pack settings"

    def __str__(self) -> str:
        return "Welcome pack settings"


def welcome_print_path(instance: "WelcomePrint", filename: str) -> str:
    # A random name in private storage: served only through the team's download view.
    return f"welcome/{uuid.uuid4().hex}.pdf"


class WelcomePrint(models.Model):
    """Many experts' welcome packs made into one PDF in the background, counting packs as it
    goes so the coordinator sees progress. The file is private and forgotten after a week."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        MAKING = "making", "Making the packs"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Could not be made"

    # "needs": each expert in the format their communication needs ask for.
    FORMAT_BY_NEEDS = "needs"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expert_ids = models.JSONField(default=list)
    format = models.CharField(max_length=12, default=FORMAT_BY_NEEDS)
    total = models.PositiveIntegerField(default=0)
    prepared = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to=welcome_print_path, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.total} welcome packs, {self.created_at:%Y-%m-%d %H:%M}"
