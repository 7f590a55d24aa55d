"""Outcomes: what changed because experts took part ("you said, we did"), told back to the experts involved, and the outcomes overdue by team (issue 13)."""

from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "coproduce.impact.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        from coproduce.impact.outcomes.contributions import overview_part, what_happened_next
        from coproduce.opportunities.portal_parts import add_portal_part
        from coproduce.people.contributions import add_overview_part

        add_overview_part(overview_part)
        add_portal_part(what_happened_next)
