from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "coproduce.opportunities"
    label = "opportunities"

    def ready(self) -> None:
        from coproduce.opportunities import receivers  # noqa: F401 (connects them)
        from coproduce.opportunities.contributions import meetings_section, overview_part
        from coproduce.people.contributions import add_overview_part, add_profile_part

        add_overview_part(overview_part)
        add_profile_part(meetings_section)
