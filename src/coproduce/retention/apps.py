from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "coproduce.retention"
    label = "retention"

    def ready(self) -> None:
        from coproduce.people.signals import import_starting
        from coproduce.retention import receivers

        import_starting.connect(receivers.forget_abandoned_imports, dispatch_uid="retention")
