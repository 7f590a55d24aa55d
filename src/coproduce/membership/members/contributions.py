"""What members adds to other apps' pages: on an expert's home page, an offer to become a
Foundation Trust member in one step, for an expert who is not one (one query). Nothing for an
expert whose processing is restricted: we may not use their details for anything new."""

from coproduce.membership.members import queries
from coproduce.opportunities.portal_parts import PortalSection


def portal_part(expert) -> PortalSection | None:
    if expert.restricted_at is not None:
        return None
    found = queries.member_of_expert(expert)
    current = found if found is not None and found.is_member else None
    return PortalSection(template="members/_portal.jinja", data={"member": current}, order=95)
