"""Foundation Trust members and their constituencies (issue 15)."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "coproduce.membership.members"
    label = "members"

    def ready(self) -> None:
        from coproduce.membership.members import rules  # noqa: F401
        from coproduce.membership.members.contributions import portal_part
        from coproduce.opportunities.portal_parts import add_portal_part

        add_portal_part(portal_part)
