"""Feedback's part of the expert's home page: "Tell us how it went", with the sessions they
came to lately and have not told us about (one query; none shown when there are none, or
while their processing is restricted)."""

from coproduce.impact.feedback import queries
from coproduce.opportunities.portal_parts import PortalSection


def feedback_part(expert) -> PortalSection | None:
    if expert.restricted_at is not None:
        return None
    waiting = queries.waiting_for(expert)
    if not waiting:
        return None
    return PortalSection(template="feedback/_portal_part.jinja", data=waiting, order=10)
