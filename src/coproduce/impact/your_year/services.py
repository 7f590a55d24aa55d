"""The one thing an expert's year writes: a record in the audit trail when the involvement
team prints an expert's year (the expert downloading their own is not recorded)."""

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.impact.your_year.presenters import year_label
from coproduce.people.models import Expert


def record_printed(*, actor, expert: Expert, year: int, easy_read: bool) -> AuditEvent:
    """Records who printed which year of the expert's, and which version: never what it
    said."""
    version = "Easy Read" if easy_read else "standard"
    return audit.record_export(
        actor=actor,
        action=AuditEvent.Action.YEAR_SUMMARY_PRINTED,
        what=expert,
        summary=f"Year summary printed ({version}), {year_label(year)}",
        details={"year": year, "version": "easy_read" if easy_read else "standard"},
    )
