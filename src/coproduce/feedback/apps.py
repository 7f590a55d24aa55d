from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coproduce.feedback"
    label = "feedback"
