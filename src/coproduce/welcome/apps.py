from django.apps import AppConfig


class WelcomeConfig(AppConfig):
    name = "coproduce.welcome"
    label = "welcome"

    def ready(self) -> None:
        from coproduce.people.contributions import add_profile_part
        from coproduce.welcome.contributions import welcome_section

        add_profile_part(welcome_section)
