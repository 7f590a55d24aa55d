"""Reminders sent by the scheduler, each switchable by the organisation and by the expert,
each sent once however often the schedule runs (issue 14)."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coproduce.comms.reminders"
    label = "reminders"
