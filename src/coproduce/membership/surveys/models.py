"""Surveys of members, their questions, and the answers. A response answered online belongs to
the member whose personal link was used, so each member answers once; a response copied from
paper has no member (the paper form is anonymous). Results are counted from the answers and
never show whose they are."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.core.models import TimeStamped
from coproduce.membership.surveys.choices import QuestionKind, SurveyStatus

TITLE_MAX = 150
INTRODUCTION_MAX = 1000
QUESTION_MAX = 300
CHOICE_MAX = 100
TEXT_ANSWER_MAX = 2000


class Survey(TimeStamped):
    """One survey, for all current members (no constituency) or for one constituency."""

    title = models.CharField(max_length=TITLE_MAX)
    introduction = models.TextField(max_length=INTRODUCTION_MAX, blank=True)
    # None: every current member.
    constituency = models.ForeignKey(
        "members.Constituency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    status = models.CharField(
        max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    closes_on = models.DateField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Counted when it was opened: who got an email, and who wants post (sent a letter).
    emailed = models.PositiveIntegerField(default=0)
    by_post = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def taking_answers(self) -> bool:
        """Members' links work while it is open, to the end of its closing date. (Paper forms
        posted by then may still be entered until the office closes it.)"""
        return self.is_open and self.closes_on >= timezone.localdate()

    @property
    def audience(self) -> str:
        return self.constituency.name if self.constituency else "All current members"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=QUESTION_MAX)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    # The choices to pick from, in order (one choice and several choices only).
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in {QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES}


class Response(models.Model):
    """One member's answers to a survey. `member` is set when they answered by their link (so
    they answer once), and empty for a paper form; `constituency` is kept for the counts by
    constituency either way (and stays true if the member moves)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    constituency = models.ForeignKey(
        "members.Constituency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paper = models.BooleanField(default=False)
    answered_at = models.DateTimeField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=Q(member__isnull=False),
                name="survey_answered_once_by_member",
            )
        ]
        indexes = [models.Index(fields=["survey", "constituency"])]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer to one question: `value` is the chosen choice (or the rating, "1" to "5"),
    `text` a free-text answer. A question with several choices has a row for each one chosen,
    so the results are counted by the database; a question left blank has no row."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=CHOICE_MAX, blank=True)
    text = models.TextField(max_length=TEXT_ANSWER_MAX, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "value"], name="survey_answer_once"
            )
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
