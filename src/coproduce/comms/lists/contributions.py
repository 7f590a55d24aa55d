"""What mailing lists add to the expert's home page: how many lists they are on, and the link
to choose their lists (one query)."""

from coproduce.comms.lists.models import Member
from coproduce.opportunities.portal_parts import PortalSection


def portal_part(expert) -> PortalSection | None:
    if expert.restricted_at is not None:
        return None
    count = Member.objects.filter(expert=expert).count()
    return PortalSection(template="mailing/_portal.jinja", data={"count": count}, order=80)
