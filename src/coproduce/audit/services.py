"""Writing the audit trail. Services call these inside their own transaction, so a change and
its audit record are saved together or not at all."""

import re
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.core.lengths import limit_of, shorten

SUMMARY_LENGTH = limit_of(AuditEvent, "summary")


def _label(instance: models.Model) -> str:
    return instance._meta.label_lower


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | date | datetime):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored file
        return "(file)" if value else ""
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of these fields now, in a form that can be stored as JSON."""
    data: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            data[name] = _plain([str(o) for o in getattr(instance, name).all()])
        elif field.is_relation:
            data[name] = _plain(getattr(instance, name))
        else:
            display = getattr(instance, f"get_{name}_display", None)
            data[name] = _plain(display() if display else getattr(instance, name))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _action(action: AuditEvent.Action) -> AuditEvent.Action:
    """The action as a member of AuditEvent.Action; an action not on that list is refused, so
    every event in the trail has a label the history page can show."""
    try:
        return AuditEvent.Action(action)
    except ValueError:
        raise ValueError(f"{action!r} is not an audit action (AuditEvent.Action).") from None


def _summary(summary: str) -> str:
    """Refuses a summary too long to keep whole: callers build a shorter one on purpose
    (validating what a person wrote in the form), rather than having it cut here."""
    if len(summary) > SUMMARY_LENGTH:
        raise ValueError(
            f"An audit summary has at most {SUMMARY_LENGTH} characters ({len(summary)} given)."
        )
    return summary


def shortened(text: str, length: int) -> str:
    """A name or title quoted in a summary, shortened on purpose so the summary fits: whole if
    it has at most `length` characters, otherwise its start and "…" (so a reader sees that it
    goes on). For text the product builds; what a person writes is checked in the form."""
    return shorten(text, length)


def _actor_label(actor) -> str:
    if actor is None:
        return "System"
    return getattr(actor, "display_name", None) or str(actor)


def record_change(
    *,
    actor,
    instance: models.Model,
    action: AuditEvent.Action,
    # Usually {field: [before, after]}; a few events record figures instead (retention counts).
    changes: dict[str, Any] | None = None,
    subject: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    subject = subject or instance
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=_action(action),
        model=_label(instance),
        object_id=str(instance.pk),
        subject_model=_label(subject),
        subject_id=str(subject.pk),
        summary=_summary(summary),
        changes=changes or {},
    )


def record_changes(
    *,
    actor,
    action: AuditEvent.Action,
    changes: list[tuple[models.Model, models.Model, str, dict[str, list[Any]]]],
) -> int:
    """Many changes made together (a payment run paying thousands of claims), written in one
    go: each entry is (instance, subject, summary, changes)."""
    action = _action(action)
    events = [
        AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            action=action,
            model=_label(instance),
            object_id=str(instance.pk),
            subject_model=_label(subject),
            subject_id=str(subject.pk),
            summary=_summary(summary),
            changes=change or {},
        )
        for instance, subject, summary, change in changes
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def record_export(
    *,
    actor,
    action: AuditEvent.Action,
    what: models.Model | type[models.Model],
    summary: str,
    details: dict[str, Any] | None = None,
    subject: models.Model | None = None,
) -> AuditEvent:
    """Data leaving the product: who downloaded what. `what` is the record exported (a payment
    run, an expert) or, for a list of many (the whole register), its model with no object; the
    event is then found under no one's history. `details` says what was in it (format, filters,
    rows), never the personal values themselves."""
    is_object = isinstance(what, models.Model)
    if subject is None and isinstance(what, models.Model):
        subject = what
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=_action(action),
        model=what._meta.label_lower,
        object_id=str(what.pk) if is_object else "",
        subject_model=_label(subject) if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        summary=_summary(summary),
        changes=details or {},
    )


def record_view(*, viewer, instance: models.Model, what: str = "profile") -> RecordView:
    return RecordView.objects.create(
        viewer=viewer,
        viewer_label=_actor_label(viewer),
        subject_model=_label(instance),
        subject_id=str(instance.pk),
        what=what,
    )


# The two narrow ways past the append-only triggers (audit migration 0005). Each opens only
# inside the caller's transaction, and closes before it ends.


@contextmanager
def scrubbing(*records: models.Model):
    """Inside, the events about these records (as their subject, as the record changed, or,
    for a user account, as the one who made the change) may have `changes`, `summary` and
    `actor_label` rewritten, to erase a person's data; nothing else about them can change.
    For erasure only (coproduce.people.erasure), inside its transaction."""
    permits = [(_label(record), str(record.pk)) for record in records]
    if not connection.in_atomic_block:
        raise RuntimeError("Scrub the audit trail inside a transaction.")
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO audit_scrubbing (model, object_id) VALUES (%s, %s)", permits
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_scrubbing")


@contextmanager
def pruning(*, before: datetime):
    """Inside, audit events and record views from before `before` may be deleted (retention);
    newer rows and every UPDATE are still refused. For retention, inside its transaction:

        with transaction.atomic(), audit.pruning(before=cutoff):
            AuditEvent.objects.filter(at__lt=cutoff).delete()

    (a queryset's delete; the models' own delete() still refuses)."""
    if not connection.in_atomic_block:
        raise RuntimeError("Prune the audit trail inside a transaction.")
    value = connection.ops.adapt_datetimefield_value(before)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO audit_pruning (before_at) VALUES (%s)", [value])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_pruning")


def scrub_events(
    events: models.QuerySet, *, names: Iterable[str], label: str, values: bool = True
) -> int:
    """Rewrites any of `names` in each event's actor label to `label`; with `values`, each
    old and new value becomes "erased" (the keys stay, so the history still says which fields
    changed) and the summary, which may quote what was written about the person, becomes
    "Details erased". Who, when, what kind of change and to which record stay. Call inside
    `scrubbing`. Returns how many events were rewritten."""
    patterns = [
        re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    ]
    count = 0
    for event in events.only("pk", "changes", "summary", "actor_label"):
        summary, actor_label = event.summary, event.actor_label
        for pattern in patterns:
            summary = pattern.sub(label, summary)
            actor_label = pattern.sub(label, actor_label)
        if values:
            summary = DETAILS_ERASED
        AuditEvent.objects.filter(pk=event.pk).update(
            changes=_erased(event.changes) if values else event.changes,
            summary=summary,
            actor_label=actor_label,
        )
        count += 1
    return count


ERASED = "erased"
DETAILS_ERASED = "Details erased"


def _erased(changes: Any) -> Any:
    if isinstance(changes, dict):
        return {key: _erased(value) for key, value in changes.items()}
    if isinstance(changes, list):
        return [_erased(value) for value in changes]
    return ERASED if changes not in (None, "", [], {}) else changes
