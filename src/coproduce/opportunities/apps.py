from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "coproduce.opportunities"
    label = "opportunities"
