"""The feedback app's records.

- `FeedbackRequest`: one for each place where the expert attended (an Invitation marked as
  attended): that they were asked, whether the email went, and whether they answered. It keeps
  only *that* they answered, never when or what, so it cannot be matched to an anonymous
  answer.
- `FeedbackAnswer`: what was said. A named answer points to its expert and request; an
  anonymous one holds only the session, its opportunity and team, and the day (never the
  time) it was given, with a random UUID for its key, so neither its key nor its place in the
  table says who gave it or in which order."""

import uuid

from django.db import models

from coproduce.accounts.models import Team
from coproduce.opportunities.models import Invitation, Opportunity, Session
from coproduce.people.models import Expert


class Answer(models.TextChoices):
    """The choices for every question, in plain words (not every question offers them all)."""

    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"
    NOT_NEEDED = "not_needed", "I did not need anything"


class FeedbackRequest(models.Model):
    """Asking one expert how one session went. Made once per attended place (by the daily
    task, or when they answer in the portal first); `answered` says only that they did."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="feedback_request"
    )
    # The invitation's session, kept here too (a place never moves to another session): the
    # figures count a period's requests by session without reading every invitation.
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField()
    # When the email (or text) asking them went; empty when there was no way to send it.
    emailed_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # How many were asked and answered, by place: the figures read this index alone.
            models.Index(fields=["invitation", "answered"], name="feedback_request_answered_idx"),
            models.Index(fields=["session", "answered"], name="feedback_request_session_idx"),
        ]

    def __str__(self) -> str:
        return f"Feedback asked for place {self.invitation_id}"


class FeedbackAnswer(models.Model):
    """One expert's answers about one session. Anonymous when `expert` is empty: then nothing
    here leads back to them (no request, no time, a random key)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback_answers")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="feedback_answers"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="feedback_answers")
    # The day a named answer was given; for an anonymous one, the session's day (services.py).
    answered_on = models.DateField()
    # Named answers only.
    expert = models.ForeignKey(
        Expert, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback_answers"
    )
    request = models.OneToOneField(
        FeedbackRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="named_answer",
    )
    good_experience = models.CharField(max_length=10, choices=Answer.choices)
    listened_to = models.CharField(max_length=10, choices=Answer.choices)
    access_needs_met = models.CharField(max_length=10, choices=Answer.choices)
    had_what_needed = models.CharField(max_length=10, choices=Answer.choices)
    comments = models.TextField(max_length=2000, blank=True)

    class Meta:
        indexes = [models.Index(fields=["team", "answered_on"])]

    def __str__(self) -> str:
        return "Feedback answer"

    @property
    def anonymous(self) -> bool:
        return self.expert_id is None
