from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "coproduce.onboarding"
    label = "onboarding"

    def ready(self) -> None:
        from coproduce.onboarding.checklist.queries import (
            current_privacy_notice_number,
            missing_for_active,
        )
        from coproduce.onboarding.contributions import (
            agreements_section,
            badge_section,
            checklist_section,
        )
        from coproduce.people import readiness
        from coproduce.people.contributions import add_profile_part

        add_profile_part(checklist_section)
        add_profile_part(agreements_section)
        add_profile_part(badge_section)
        # The people app asks what a new expert still needs before it makes them active, and
        # which privacy notice is current.
        readiness.provide(missing_for_active, privacy_notice=current_privacy_notice_number)
