"""Work with sessions held and experts who attended, for the outcomes tests."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.impact.outcomes.services import Wording
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory


def held_work(*, ended_days_ago: int = 70, experts=(), now: datetime | None = None, **kwargs):
    """A piece of work whose one session ended `ended_days_ago` days ago, attended by each of
    `experts` (new experts when given a number)."""
    now = now or timezone.now()
    work = OpportunityFactory(**kwargs)
    ends = now - timedelta(days=ended_days_ago)
    session = SessionFactory(opportunity=work, starts_at=ends - timedelta(hours=2), ends_at=ends)
    if isinstance(experts, int):
        experts = [ExpertFactory() for _ in range(experts)]
    for expert in experts:
        InvitationFactory(
            session=session,
            expert=expert,
            status="accepted",
            attendance="attended",
            hours=Decimal("2"),
        )
    return work


SAID_DID = Wording(
    changed=True,
    pairs=[
        {"said": "The discharge letter was full of jargon", "did": "We rewrote it with experts"},
        {"said": "Carers were not told about the meeting", "did": "Carers now get a copy"},
    ],
    why_nothing="",
    summary="You told us the letter was hard to read. We made it easier.",
)
NOTHING = Wording(
    changed=False,
    pairs=[],
    why_nothing="The budget for the new service was cut before a decision was made.",
    summary="",
)
