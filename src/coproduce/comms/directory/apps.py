"""Experts meeting each other: an opt-in directory seen only by other experts who opted
in, and events (the annual get-together, a celebration) with replies and a headcount
(issue 14)."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "coproduce.comms.directory"
    label = "directory"

    def ready(self) -> None:
        from coproduce.comms.directory.contributions import directory_part, events_part
        from coproduce.opportunities.portal_parts import add_portal_part

        add_portal_part(events_part)
        add_portal_part(directory_part)
