"""Saving the organisation's words for the public page about involvement, audited."""

from django.db import transaction

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.comms.public.models import InvolvementWords

LABELS = {
    "what_involvement_is": "What involvement is here",
    "how_to_get_involved": "How to get involved",
}


def set_words(*, actor, what_involvement_is: str, how_to_get_involved: str) -> InvolvementWords:
    """Saves the words; the public page shows them at once."""
    with transaction.atomic():
        row = InvolvementWords.objects.select_for_update().order_by("pk").first()
        row = row or InvolvementWords()
        after = {
            "what_involvement_is": what_involvement_is,
            "how_to_get_involved": how_to_get_involved,
        }
        changes = {
            LABELS[name]: [getattr(row, name) or None, value or None]
            for name, value in after.items()
            if getattr(row, name) != value
        }
        for name, value in after.items():
            setattr(row, name, value)
        row.save()
        if changes:
            # The nearest action: these are the organisation's own words, like core.terms.
            audit.record_change(
                actor=actor,
                instance=row,
                action=AuditEvent.Action.TERMS_CHANGED,
                changes=changes,
                summary="Our words about involvement changed",
            )
    return row
