"""The audit trail's part of a person's data: each change recorded about them, and each time
staff opened their record."""

from django.db.models import Q

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.audit.queries import history_of, views_of
from coproduce.core.erasure import pseudonym
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


def _records_of(expert) -> list:
    """Every record that is the person's own (their invitations, claims, memberships...), found
    through the relations that point at them, without importing the apps that hold them."""
    records = []
    for relation in expert._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            model = relation.related_model
            found = model._default_manager.filter(**{relation.field.name: expert}).only("pk")
            records += list(found)
    return records


def _names(expert) -> list[str]:
    names = [expert.full_name, expert.preferred_name, expert.email, expert.phone]
    if expert.user_id:
        names += [expert.user.full_name, expert.user.email]
    return names


def erase(expert) -> list[str]:
    """Scrubs the audit trail: each event about the person, or about a record of theirs, keeps
    who did what and when, to which record, and which fields changed, but the old and new
    values become "erased" and the summary "Details erased". Events their own account made
    elsewhere keep what was done, under the pseudonym. Times staff opened the record stay as they are (they
    hold no personal data). Runs first, while the names to look for are still there."""
    label = pseudonym(expert)
    records = _records_of(expert)
    about = Q(subject_model=expert._meta.label_lower, subject_id=str(expert.pk))
    by_model: dict[str, list[str]] = {}
    for record in records:
        by_model.setdefault(record._meta.label_lower, []).append(str(record.pk))
    for label_lower, ids in by_model.items():
        about |= Q(model=label_lower, object_id__in=ids)
    names = _names(expert)
    user = expert.user if expert.user_id else None
    with audit.scrubbing(expert, *records, *([user] if user else [])):
        count = audit.scrub_events(AuditEvent.objects.filter(about), names=names, label=label)
        if user is not None:
            audit.scrub_events(
                AuditEvent.objects.filter(actor=user).exclude(about),
                names=names,
                label=label,
                values=False,
            )
    return [
        f"their details from {count} entries of the audit trail (who did what, and when, is kept)"
    ]
