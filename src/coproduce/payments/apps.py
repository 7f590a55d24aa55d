from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "coproduce.payments"
    label = "payments"

    def ready(self) -> None:
        from coproduce.opportunities import pay
        from coproduce.payments import for_opportunities
        from coproduce.payments.contributions import overview_part
        from coproduce.people.contributions import add_overview_part

        add_overview_part(overview_part)
        pay.provide(for_opportunities)
