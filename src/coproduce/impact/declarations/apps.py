"""Co-production declarations: a programme manager's account of where co-production has taken place or will in their programme or project, at which stage and rung, with which groups and what effect it had; reviewed by the co-production board at its meetings (issue 13)."""

from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "coproduce.impact.declarations"
    label = "declarations"
