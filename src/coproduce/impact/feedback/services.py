"""Writing feedback: asking an expert about a place they attended, and saving their answers.

An anonymous answer is saved with no link to the expert or their place: only the session, its
opportunity and team, and today's date. Their request is marked answered (so the team sees
that they did), and the audit trail says "feedback answered" for them with no content, exactly
as for a named answer."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.lengths import too_long
from coproduce.impact.feedback.links import ALREADY_ANSWERED
from coproduce.impact.feedback.models import FeedbackAnswer, FeedbackRequest
from coproduce.impact.feedback.questions import QUESTIONS
from coproduce.opportunities.models import Invitation

COMMENTS_MAX = 2000


class FeedbackError(Exception):
    """The answer cannot be saved; `message` says why, in words for the expert."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Answers:
    good_experience: str
    listened_to: str
    access_needs_met: str
    had_what_needed: str
    comments: str = ""
    anonymous: bool = False


def _title(invitation: Invitation) -> str:
    return audit.shortened(invitation.session.opportunity.title, 120)


def ask(*, invitation_id: int) -> FeedbackRequest | None:
    """Records that the expert is asked about this attended place, once: None when they were
    asked before (however often the daily task runs). In the caller's transaction."""
    invitation = Invitation.objects.select_related("expert", "session__opportunity").get(
        pk=invitation_id
    )
    try:
        with transaction.atomic():
            request = FeedbackRequest.objects.create(
                invitation=invitation, session_id=invitation.session_id, asked_at=timezone.now()
            )
    except IntegrityError:
        return None
    audit.record_change(
        actor=None,
        instance=request,
        subject=invitation.expert,
        action=AuditEvent.Action.FEEDBACK_ASKED,
        summary=f"Asked how ‘{_title(invitation)}’ went",
    )
    return request


def mark_emailed(*, request: FeedbackRequest) -> None:
    FeedbackRequest.objects.filter(pk=request.pk).update(emailed_at=timezone.now())


def _check(answers: Answers) -> None:
    for q in QUESTIONS:
        if getattr(answers, q.field) not in {c.value for c in q.choices}:
            raise FeedbackError(f"Choose {q.subject}")
    if len(answers.comments) > COMMENTS_MAX:
        raise FeedbackError(too_long("What you want to tell us", COMMENTS_MAX))


@transaction.atomic
def answer_feedback(*, invitation: Invitation, answers: Answers, actor=None) -> None:
    """Saves the expert's answers about one place they attended, once. Raises FeedbackError
    (and saves nothing) when the answers are not complete or the place was answered already,
    from the portal or another use of the link."""
    _check(answers)
    request, _ = FeedbackRequest.objects.get_or_create(
        invitation=invitation,
        defaults={"asked_at": timezone.now(), "session_id": invitation.session_id},
    )
    # The one write that decides: a second answer (another tab, the link used again, two at
    # once) finds it answered and saves nothing.
    if not FeedbackRequest.objects.filter(pk=request.pk, answered=False).update(answered=True):
        raise FeedbackError(ALREADY_ANSWERED)
    session = invitation.session
    named = not answers.anonymous
    FeedbackAnswer.objects.create(
        session=session,
        opportunity=session.opportunity,
        team_id=session.opportunity.team_id,
        # An anonymous answer is dated by its session, not by the day it was given: the audit
        # trail says when each expert answered, and a day shared with that would name them.
        answered_on=timezone.localdate() if named else timezone.localdate(session.starts_at),
        expert=invitation.expert if named else None,
        request=request if named else None,
        good_experience=answers.good_experience,
        listened_to=answers.listened_to,
        access_needs_met=answers.access_needs_met,
        had_what_needed=answers.had_what_needed,
        comments=answers.comments.strip(),
    )
    # The same event for a named and an anonymous answer: no content, no answer's key.
    audit.record_change(
        actor=actor,
        instance=request,
        subject=invitation.expert,
        action=AuditEvent.Action.FEEDBACK_ANSWERED,
        summary=f"Told us how ‘{_title(invitation)}’ went",
    )
