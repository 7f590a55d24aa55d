from django.apps import AppConfig


class ParkingConfig(AppConfig):
    name = "coproduce.parking"
    label = "parking"

    def ready(self) -> None:
        from coproduce.parking.contributions import parking_section
        from coproduce.people.contributions import add_profile_part

        add_profile_part(parking_section)
