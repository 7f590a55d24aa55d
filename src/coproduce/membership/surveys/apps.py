"""Members' views: short surveys sent to all members or one constituency, answered online by
a personal link (or copied from paper by the membership office), with results as charts and
tables that never name who said what (issue 15)."""

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "coproduce.membership.surveys"
    label = "surveys"
