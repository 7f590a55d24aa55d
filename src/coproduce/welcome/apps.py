from django.apps import AppConfig


class WelcomeConfig(AppConfig):
    name = "coproduce.welcome"
    label = "welcome"
