"""Foundation Trust members and their constituencies (issue 15)."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "coproduce.membership.members"
    label = "members"
