from django.apps import AppConfig


class ParkingConfig(AppConfig):
    name = "coproduce.parking"
    label = "parking"
