"""Concerns an expert raises (about a meeting, a payment, how they were treated): triaged, responded to and closed by coordinators, with safeguarding concerns sent to the named contacts at once (issue 13)."""

from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "coproduce.impact.concerns"
    label = "concerns"

    def ready(self) -> None:
        from coproduce.impact.concerns.contributions import overview_part, portal_part, profile_part
        from coproduce.opportunities.portal_parts import add_portal_part
        from coproduce.people.contributions import add_overview_part, add_profile_part

        add_overview_part(overview_part)
        add_profile_part(profile_part)
        add_portal_part(portal_part)
