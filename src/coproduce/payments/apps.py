from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "coproduce.payments"
    label = "payments"
