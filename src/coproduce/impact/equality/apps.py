"""Who is heard, and who is missing: experts' optional equality monitoring answers (special-category data with their own consent, never shown on a profile), the local population the organisation enters from census tables, and the comparison of the two with small numbers never shown (issue 13)."""

from django.apps import AppConfig


class EqualityConfig(AppConfig):
    name = "coproduce.impact.equality"
    label = "equality"

    def ready(self) -> None:
        from coproduce.impact.equality.contributions import portal_part, profile_part
        from coproduce.opportunities.portal_parts import add_portal_part
        from coproduce.people.contributions import add_profile_part

        add_profile_part(profile_part)
        add_portal_part(portal_part)
