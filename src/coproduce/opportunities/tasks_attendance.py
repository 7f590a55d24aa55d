"""Nightly work on attendance: each expert's sessions attended in the last 12 months, counted
again for the shortlist, since the 12-month window moves with the day."""

from django_tasks import task

from coproduce.opportunities.services import recent_attendance


@task()
def count_recent_attendance() -> int:
    """Counts and stores every expert's attendance in the 12 months before today (the
    shortlist reads it). Returns how many experts attended any."""
    return recent_attendance.count_all()
