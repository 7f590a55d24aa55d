from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "coproduce.opportunities"
    label = "opportunities"

    def ready(self) -> None:
        from coproduce.opportunities import receivers  # noqa: F401 (connects them)
