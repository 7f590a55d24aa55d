"""What equality monitoring adds to other pages: on an expert's profile (the involvement team's
view), a link to copy in answers from a paper form, never the answers or whether there are any;
on the expert's own home page, an invitation to answer (one query)."""

from coproduce.impact.equality import queries
from coproduce.opportunities.portal_parts import PortalSection
from coproduce.people.contributions import ProfileSection


def profile_part(user, expert) -> ProfileSection | None:
    if not user.has_perm("equality.copy_paper_form"):
        return None
    return ProfileSection(template="equality/_expert_profile.jinja", data={})


def portal_part(expert) -> PortalSection | None:
    return PortalSection(
        template="equality/_portal.jinja",
        data={"answered": queries.has_answered(expert)},
        order=90,
    )
