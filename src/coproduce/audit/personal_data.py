"""The audit trail's part of a person's data: each change recorded about them, and each time
staff opened their record."""

from coproduce.audit.queries import history_of, views_of
from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "audit",
        {
            "changes": [
                {
                    "at": event.at,
                    "by": event.actor_label,
                    "action": event.action,
                    "summary": event.summary,
                    "changes": event.changes,
                }
                for event in history_of(expert).order_by("at", "pk")
            ],
            "record_opened": [
                {"at": view.at, "by": view.viewer_label, "what": view.what}
                for view in views_of(expert).order_by("at", "pk")
            ],
        },
    )
