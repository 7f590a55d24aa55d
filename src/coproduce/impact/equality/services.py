"""Giving, changing and removing equality monitoring answers, the local population and the
fewest people shown: each in one transaction with its audit record. The audit trail says that
answers were given or removed, by whom, never what they were."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of
from coproduce.impact.equality.categories import BY_SLUG, CHARACTERISTICS, GROUP_OF_DETAIL
from coproduce.impact.equality.models import (
    CONSENT_VERSION,
    EqualityAnswers,
    FewestShown,
    Population,
)
from coproduce.people.models import Expert

ANSWER_FIELDS = [c.slug for c in CHARACTERISTICS] + ["ethnic_detail"]


class EqualityError(Exception):
    """A change refused, with the words to show the person."""


def _clean(answers: dict[str, str]) -> dict[str, str]:
    fields = {name: answers.get(name, "") or "" for name in ANSWER_FIELDS}
    detail = fields["ethnic_detail"]
    if detail:
        group = GROUP_OF_DETAIL.get(detail)
        if group is None or fields["ethnic_group"] not in ("", group):
            raise EqualityError("The detailed ethnic group is not in the group chosen")
        fields["ethnic_group"] = group
    for characteristic in CHARACTERISTICS:
        allowed = {"", "prefer_not", *characteristic.keys}
        if fields[characteristic.slug] not in allowed:
            raise EqualityError(f"That is not an answer to ‘{characteristic.question}’")
    return fields


def give_answers(
    *, actor, expert: Expert, answers: dict[str, str], now: datetime | None = None
) -> EqualityAnswers:
    """Keeps the expert's answers (replacing any they gave before), with their consent: the
    expert's own, or, when `actor` is a coordinator copying a paper form, the consent the
    expert gave on it, which the coordinator has confirmed."""
    now = now or timezone.now()
    fields = _clean(answers)
    by_someone_else = getattr(actor, "pk", None) != expert.user_id
    with transaction.atomic():
        saved, created = EqualityAnswers.objects.update_or_create(
            expert=expert,
            defaults={
                **fields,
                "consent_at": now,
                "consent_version": CONSENT_VERSION,
                "recorded_by": actor if by_someone_else else None,
                "updated_at": now,
            },
        )
        audit.record_change(
            actor=actor,
            instance=saved,
            subject=expert,
            action=AuditEvent.Action.EQUALITY_ANSWERED,
            # What was answered is never written here: only that it was.
            changes={},
            summary=(
                "Equality monitoring answers copied from a paper form, with consent"
                if by_someone_else
                else f"Equality monitoring answers {'given' if created else 'changed'}"
            ),
        )
    return saved


def remove_answers(*, actor, expert: Expert) -> bool:
    """Deletes every answer the expert gave, and their consent to keep them. False when there
    were none."""
    with transaction.atomic():
        found = EqualityAnswers.objects.select_for_update().filter(expert=expert).first()
        if found is None:
            return False
        audit.record_change(
            actor=actor,
            instance=found,
            subject=expert,
            action=AuditEvent.Action.EQUALITY_REMOVED,
            changes={},
            summary="Equality monitoring answers removed",
        )
        found.delete()
    return True


def set_population(
    *, actor, characteristic: str, counts: dict[str, int], source: str
) -> Population:
    """Sets the local population for one characteristic from a census table."""
    known = BY_SLUG.get(characteristic)
    if known is None:
        raise EqualityError("There is no such characteristic")
    counts = {key: int(counts.get(key) or 0) for key in known.keys}
    if any(value < 0 for value in counts.values()):
        raise EqualityError("A count cannot be less than 0")
    with transaction.atomic():
        before = Population.objects.filter(characteristic=characteristic).first()
        saved, _ = Population.objects.update_or_create(
            characteristic=characteristic,
            defaults={
                "counts": counts,
                "source": source,
                "set_at": timezone.now(),
                "set_by": actor,
            },
        )
        changes = {}
        for key, label in known.categories:
            old = before.counts.get(key) if before else None
            if old != counts[key]:
                changes[label] = [old, counts[key]]
        if before is None or before.source != source:
            changes["Source"] = [before.source if before else None, source]
        audit.record_change(
            actor=actor,
            instance=saved,
            action=AuditEvent.Action.POPULATION_SET,
            changes=changes,
            summary=f"Local population set for {known.title.lower()}: {source}",
        )
    return saved


def set_fewest(*, actor, fewest: int) -> FewestShown:
    """Sets the fewest people a figure may show."""
    with transaction.atomic():
        before = FewestShown.current()
        saved = FewestShown.objects.create(fewest=fewest, set_by=actor)
        audit.record_change(
            actor=actor,
            instance=saved,
            action=AuditEvent.Action.POPULATION_SET,
            changes={"Fewest people shown": [before.fewest, fewest]}
            if before.fewest != fewest
            else {},
            summary=f"Groups of fewer than {count_of(fewest, 'person', 'people')} are not shown",
        )
    return saved
