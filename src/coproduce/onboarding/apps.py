from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "coproduce.onboarding"
    label = "onboarding"

    def ready(self) -> None:
        from coproduce.onboarding.contributions import badge_section
        from coproduce.people.contributions import add_profile_part

        add_profile_part(badge_section)
