"""Permission matrix entries for the Experts Report. The involvement lead starts, writes and
publishes it and chooses its case studies; coordinators read drafts too; staff and experts
read published reports only (a draft is not found: 404). Finance and administrators read
none: they have no part in involvement work, and the published report reaches the public
through the Local Account."""

from tests.permissions.outcomes import DENIED, MISSING, OK, REDIRECT, rule

readers = rule(default=DENIED, expert=OK, staff=OK, coordinator=OK, lead=OK)
drafts = rule(default=DENIED, expert=MISSING, staff=MISSING, coordinator=OK, lead=OK)
lead_only = rule(default=DENIED, lead=OK)

REPORT: dict[str, tuple[str, str, dict[str, str]]] = {
    "report:reports": ("get", "", readers),
    "report:start": ("get", "", lead_only),
    "report:year": ("get", "draft_report", drafts),
    "report:pdf": ("get", "published_report", readers),
    "report:write": ("get", "draft_report", lead_only),
    "report:choose": ("get", "draft_report", lead_only),
    "report:case_study": ("get", "report_case_study", lead_only),
    "report:move": ("post", "report_case_study", rule(default=DENIED, lead=REDIRECT)),
    "report:publish": ("get", "draft_report", lead_only),
}


def kwargs(key: str) -> dict | None:
    if key not in {"draft_report", "published_report", "report_case_study"}:
        return None
    from coproduce.impact.report.models import Report
    from tests.impact.report.helpers import YEAR, chosen, outcome, report

    # A draft and a published report of different years: one report a year, and the canary
    # asks for both in one database.
    published = key == "published_report"
    year = YEAR - 1 if published else YEAR
    made = Report.objects.filter(year=year).first() or report(year, published=published)
    if key == "report_case_study":
        [case] = chosen(made, outcome("Discharge letter"))
        return {"year": year, "pk": case.pk}
    return {"year": year}
