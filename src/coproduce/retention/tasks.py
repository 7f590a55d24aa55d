"""The nightly task that applies the retention rules (from the scheduler: see
coproduce/schedule.py)."""

from django_tasks import task

from coproduce.retention import receivers
from coproduce.retention.services import apply_retention as apply


@task()
def apply_retention() -> dict[str, int]:
    """Erases and deletes what has been kept longer than the organisation's retention periods;
    the result is how many of each kind went."""
    return apply().counts


@task()
def forget_abandoned_imports() -> int:
    """Uploads left unimported for the days set in the retention periods leave the server,
    so a spreadsheet of people's details is not kept longer than the import needed it. The
    nightly apply_retention does this with the other kinds of record; this task does it alone
    when asked."""
    return receivers.forget_abandoned_imports()
