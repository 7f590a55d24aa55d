from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "coproduce.concerns"
    label = "concerns"
