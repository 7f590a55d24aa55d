"""The annual Experts Report: for a year, the dashboard's figures and charts, highlights the lead writes and case studies chosen from recorded outcomes, as a web page and a print-quality PDF for the Local Account (issue 13)."""

from django.apps import AppConfig


class ReportConfig(AppConfig):
    name = "coproduce.impact.report"
    label = "report"

    def ready(self) -> None:
        from coproduce.impact.report.contributions import new_report
        from coproduce.opportunities.portal_parts import add_portal_part

        add_portal_part(new_report)
