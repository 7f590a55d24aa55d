"""What an expert's year adds to other pages: "Your year" on the expert's home page (see
opportunities/portal_parts.py), and a link to open and print it on the expert's profile for
the involvement team (see people/contributions.py). Neither reads the database."""

from django.utils import timezone

from coproduce.core.periods import financial_year_of
from coproduce.opportunities.portal_parts import PortalSection
from coproduce.people.contributions import ProfileSection


def your_year_home(expert) -> PortalSection:
    """Always there: a year with nothing in it still has its page, which says so kindly."""
    return PortalSection(
        template="your_year/_portal_your_year.jinja",
        data={"year": financial_year_of(timezone.localdate())},
        order=45,
    )


def your_year_profile(user, expert) -> ProfileSection | None:
    if not user.has_perm("your_year.print_for_expert") or expert.erased_at is not None:
        return None
    return ProfileSection(template="your_year/_expert_your_year.jinja", data={})
