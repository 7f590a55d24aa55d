from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coproduce.people"
    label = "people"

    def ready(self) -> None:
        from coproduce.people.receivers import record_privacy_notice
        from coproduce.people.signals import privacy_notice_signed

        privacy_notice_signed.connect(record_privacy_notice, dispatch_uid="people-privacy-notice")
