"""What retention does when other apps say something happened (connected in apps.py)."""

from datetime import timedelta

from coproduce.people import imports
from coproduce.retention.models import RetentionPeriods


def abandoned_imports_age() -> timedelta:
    """How long an upload nobody finished is kept: the period the organisation set."""
    return timedelta(days=RetentionPeriods.current().abandoned_imports_days)


def forget_abandoned_imports(**kwargs: object) -> int:
    """Forgets uploads left unimported past their period; returns how many (people.signals
    import_starting calls it as each import starts)."""
    return imports.forget_abandoned_imports(older_than=abandoned_imports_age())
