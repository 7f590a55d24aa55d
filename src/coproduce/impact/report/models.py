"""The annual Experts Report's records: one report a financial year, with the involvement
lead's foreword and highlights, whether it is published, and the case studies chosen for it
from the outcomes recorded that year, in their order. The figures are not stored: they are
worked out from the records each time the report is shown."""

from django.conf import settings
from django.db import models

from coproduce.core.models import TimeStamped
from coproduce.impact.outcomes.models import Outcome

# A few short highlights, and a few case studies: a report people read to the end.
MOST_HIGHLIGHTS = 6
HIGHLIGHT_LENGTH = 200
FOREWORD_LENGTH = 4000
MOST_CASE_STUDIES = 8
CASE_TITLE_LENGTH = 120
CASE_SUMMARY_LENGTH = 800


class Report(TimeStamped):
    """The Experts Report for the financial year from 1 April `year` to 31 March the next.
    A draft is read by the involvement team only; once published, staff and experts read it
    too. It can still be corrected after it is published: every change is audited."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    year = models.PositiveSmallIntegerField(unique=True)
    foreword = models.TextField(max_length=FOREWORD_LENGTH, blank=True)
    # ["short highlight", ...], at most MOST_HIGHLIGHTS.
    highlights = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Experts Report {self.year} to {self.year + 1}"

    @property
    def published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def years(self) -> str:
        """ "2025 to 2026"."""
        return f"{self.year} to {self.year + 1}"


class CaseStudy(models.Model):
    """An outcome chosen for the report, in its place (`position`, lowest first), with an
    optional shorter title and summary written for the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="case_studies")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=CASE_TITLE_LENGTH, blank=True)
    summary = models.TextField(max_length=CASE_SUMMARY_LENGTH, blank=True)
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "case studies"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "outcome"], name="an_outcome_once_in_a_report"
            )
        ]

    def __str__(self) -> str:
        return f"Case study {self.position} of {self.report}"
