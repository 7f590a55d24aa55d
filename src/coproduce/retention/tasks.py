"""The nightly task that applies the retention rules (from the scheduler: see
coproduce/schedule.py)."""

from django_tasks import task

from coproduce.retention.services import apply_retention as apply


@task()
def apply_retention() -> dict[str, int]:
    """Erases and deletes what has been kept longer than the organisation's retention periods;
    the result is how many of each kind went."""
    return apply().counts
