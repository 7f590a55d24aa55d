from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "coproduce.retention"
    label = "retention"
