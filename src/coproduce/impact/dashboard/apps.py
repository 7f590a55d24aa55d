"""The evaluation dashboard: for any period and team, experts active, new and leaving; sessions and hours; involvement by stage and rung; how widely it is spread; feedback; outcomes told back; days to payment; spend against budget. Each chart an SVG with a data table, downloadable as CSV; figures computed in the database (issue 13)."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "coproduce.impact.dashboard"
    label = "dashboard"
