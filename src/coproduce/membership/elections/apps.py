"""Governor elections (issue 15): nominations, the frozen list of voters, secret ballots, the
count and the declared result."""

from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "coproduce.membership.elections"
    label = "elections"

    def ready(self) -> None:
        from coproduce.membership.elections import rules  # noqa: F401
