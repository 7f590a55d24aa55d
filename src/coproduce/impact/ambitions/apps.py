"""Strategic ambitions for involvement: the organisation's few ambitions (for example seven), the opportunities linked to each, and progress against each (issue 13)."""

from django.apps import AppConfig


class AmbitionsConfig(AppConfig):
    name = "coproduce.impact.ambitions"
    label = "ambitions"
