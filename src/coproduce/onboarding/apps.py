from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "coproduce.onboarding"
    label = "onboarding"
