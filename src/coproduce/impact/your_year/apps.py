"""Each expert's year: a personal summary they can download (a tagged PDF, with an Easy Read version): what they took part in, their hours, what changed as a result, a thank-you, and a record for a CV or a benefits adviser (issue 13)."""

from django.apps import AppConfig


class YourYearConfig(AppConfig):
    name = "coproduce.impact.your_year"
    label = "your_year"

    def ready(self) -> None:
        from coproduce.impact.your_year.contributions import your_year_home, your_year_profile
        from coproduce.opportunities.portal_parts import add_portal_part
        from coproduce.people.contributions import add_profile_part

        add_portal_part(your_year_home)
        add_profile_part(your_year_profile)
