"""Confidential work, for any app that lists opportunities, sessions or invitations.

Use these rather than reading `Opportunity.confidential` by hand:

- `visible_opportunities(user)` / `visible_sessions(user)`: querysets without the confidential
  work `user` may not see (named staff see all of theirs; invited experts see only the
  sessions they are invited to).
- `not_confidential(qs_or_prefix)`: for lists nobody named should see either (public or
  calendar feeds, the welcome pack's year of meetings, the car-park attendant's list).
- `opportunity_q(user, prefix)`, `session_q(user, prefix)`, `not_confidential_q(prefix)`:
  the same as `Q` filters, reaching the opportunity or session from another model
  (e.g. `session_q(user, "invitation__session__")`).
- `can_see_opportunity(user, opportunity)`: one check for a detail page, which should answer
  404 when it is False.
"""

from coproduce.opportunities.models import Opportunity, Session
from coproduce.opportunities.visibility import not_confidential_q, opportunity_q, session_q

__all__ = [
    "can_see_opportunity",
    "can_see_session",
    "not_confidential_q",
    "opportunity_q",
    "session_q",
    "visible_opportunities",
    "visible_sessions",
    "is_named",
    "CONFIDENTIAL_TITLE",
    "work_title",
]

# What people who may not see the title are shown instead (e.g. finance on a claim).
CONFIDENTIAL_TITLE = "Confidential work"


def visible_opportunities(user):
    return Opportunity.objects.visible_to(user)


def visible_sessions(user):
    return Session.objects.visible_to(user)


def is_named(user, opportunity) -> bool:
    """Whether `user` is one of the confidential work's named staff (one query)."""
    if not (user and user.is_authenticated):
        return False
    return opportunity.named_staff.filter(pk=user.pk).exists()


def can_see_opportunity(user, opportunity) -> bool:
    """Whether `user` may see this opportunity at all (0 queries if it is not confidential)."""
    if opportunity is None:
        return False
    if not opportunity.confidential:
        return True
    return Opportunity.objects.visible_to(user).filter(pk=opportunity.pk).exists()


def can_see_session(user, session) -> bool:
    if session is None:
        return False
    if not session.opportunity.confidential:
        return True
    return Session.objects.visible_to(user).filter(pk=session.pk).exists()


def work_title(opportunity) -> str:
    """The title to show where the reader may not be named on the work (finance's claims,
    payment runs, the audit trail): "Confidential work" for confidential work."""
    return CONFIDENTIAL_TITLE if opportunity.confidential else opportunity.title
