"""Mailing lists by team and topic, the messages sent to them by email or text as each
person prefers, in the format each person needs, and a delivery record for every recipient
(issue 14)."""

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "coproduce.comms.lists"
    label = "mailing"

    def ready(self) -> None:
        from coproduce.comms.lists.contributions import portal_part
        from coproduce.opportunities.portal_parts import add_portal_part

        add_portal_part(portal_part)
