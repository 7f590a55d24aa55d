"""What the Experts Report adds to the expert's home page (opportunities/portal_parts.py): the
newest report, for a year after it is published (one query)."""

from coproduce.impact.report import queries
from coproduce.opportunities.portal_parts import PortalSection


def new_report(expert) -> PortalSection | None:
    report = queries.newest_published()
    if report is None:
        return None
    return PortalSection(template="report/_portal_report.jinja", data=report, order=45)
