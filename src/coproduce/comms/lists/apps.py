"""Mailing lists by team and topic, the messages sent to them by email or text as each
person prefers, in the format each person needs, and a delivery record for every recipient
(issue 14)."""

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "coproduce.comms.lists"
    label = "mailing"
