from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "coproduce.training"
    label = "training"
