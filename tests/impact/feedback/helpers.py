"""Building blocks for feedback tests: attended places of past sessions, and answers."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.impact.feedback.services import Answers, answer_feedback
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory


def past_session(*, days_ago: int = 2, opportunity=None, **kwargs):
    starts = (timezone.now() - timedelta(days=days_ago)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return SessionFactory(
        opportunity=opportunity or OpportunityFactory(**kwargs),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def attended(session=None, expert=None, **kwargs):
    """An expert's place at a past session, marked as attended."""
    return InvitationFactory(
        session=session or past_session(**kwargs),
        expert=expert or ExpertFactory(),
        status="accepted",
        attendance="attended",
        hours=Decimal("2"),
    )


def answers(**kwargs) -> Answers:
    values = {
        "good_experience": "yes",
        "listened_to": "yes",
        "access_needs_met": "not_needed",
        "had_what_needed": "partly",
        "comments": "",
        "anonymous": False,
    }
    values.update(kwargs)
    return Answers(**values)


def answer(invitation, **kwargs) -> None:
    answer_feedback(invitation=invitation, answers=answers(**kwargs))


FORM = {
    "good_experience": "yes",
    "listened_to": "partly",
    "access_needs_met": "yes",
    "had_what_needed": "no",
    "comments": "The room was too hot.",
    "anonymous": "named",
}
