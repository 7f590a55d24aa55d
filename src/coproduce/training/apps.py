from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "coproduce.training"
    label = "training"

    def ready(self) -> None:
        from coproduce.people.contributions import add_profile_part
        from coproduce.training.contributions import training_section

        add_profile_part(training_section)
