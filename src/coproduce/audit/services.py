"""Writing the audit trail. Services call these inside their own transaction, so a change and
its audit record are saved together or not at all."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from coproduce.audit.models import AuditEvent, RecordView


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


def _actor_label(actor) -> str:
    if actor is None:
        return "System"
    return getattr(actor, "display_name", None) or str(actor)


def record_change(
    *,
    actor,
    instance: models.Model,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    subject: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    subject = subject or instance
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        model=_label(instance),
        object_id=str(instance.pk),
        subject_model=_label(subject),
        subject_id=str(subject.pk),
        summary=summary[:300],
        changes=changes or {},
    )


def record_changes(
    *,
    actor,
    action: str,
    changes: list[tuple[models.Model, models.Model, str, dict[str, list[Any]]]],
) -> int:
    """Many changes made together (a payment run paying thousands of claims), written in one
    go: each entry is (instance, subject, summary, changes)."""
    events = [
        AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            action=action,
            model=_label(instance),
            object_id=str(instance.pk),
            subject_model=_label(subject),
            subject_id=str(subject.pk),
            summary=summary[:300],
            changes=change or {},
        )
        for instance, subject, summary, change in changes
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def record_export(
    *,
    actor,
    action: str,
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
    if subject is None and is_object:
        subject = what
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        model=what._meta.label_lower,
        object_id=str(what.pk) if is_object else "",
        subject_model=_label(subject) if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        summary=summary[:300],
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
