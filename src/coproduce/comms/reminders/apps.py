"""Reminders sent by the scheduler, each switchable by the organisation and by the expert,
each sent once however often the schedule runs (issue 14)."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coproduce.comms.reminders"
    label = "reminders"

    def ready(self) -> None:
        from coproduce.comms.reminders.contributions import (
            portal_part,
            profile_part,
            training_switch,
        )
        from coproduce.opportunities.portal_parts import add_portal_part
        from coproduce.people.contributions import add_profile_part
        from coproduce.training.reminders import add_switch

        add_profile_part(profile_part)
        add_portal_part(portal_part)
        add_switch(training_switch)
