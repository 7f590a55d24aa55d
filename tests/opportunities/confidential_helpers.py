"""Confidential work for tests: a serious incident review with named staff, an invited
expert, a paper and sessions, made through the services as the pages make them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.opportunities.confidential import services
from coproduce.opportunities.confidential.files import check_paper
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    expert_with_account,
)
from tests.papers import paper_upload

TITLE = "Review of the death of Patient X on Ward 7"


def add_paper(opportunity, actor, title: str = "Timeline of events"):
    return services.add_paper(
        actor=actor, opportunity=opportunity, title=title, checked=check_paper(paper_upload())
    )


def make_confidential_work(
    *, named=(), title: str = TITLE, past: bool = False, expert=None, kind: str = "investigation"
):
    """A published confidential review, named on `named` (the requester always), with one
    session (in the past when `past`), `expert` (or a new one) invited and accepted."""
    requester = UserFactory(role=Role.STAFF)
    opportunity = OpportunityFactory(title=title, kind=kind, requested_by=requester, paid=True)
    services.set_confidential(
        actor=requester, opportunity=opportunity, confidential=True, named_staff=list(named)
    )
    day = timezone.localdate() + (timedelta(days=-3) if past else timedelta(days=10))
    starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    expert = expert or expert_with_account(full_name="Ivy Invited")
    invitation = InvitationFactory(session=session, expert=expert, status="accepted")
    return opportunity, session, invitation
