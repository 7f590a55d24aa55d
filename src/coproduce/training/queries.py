"""Reads of who has completed which training, each a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from coproduce.people.choices import Status
from coproduce.training.models import TrainingRecord


def valid_course_kinds(
    kinds: Iterable[str], on_day: date, *, expert_ids: Iterable[int] | None = None
) -> dict[int, set[str]]:
    """For each expert (these, or every active expert when `expert_ids` is None), which of
    these kinds of course they hold valid on `on_day` (completed by then, not expired). One
    query; experts with none are left out. Reading every active expert is quicker than a list
    of 20,000 numbers, so the shortlist asks for them all."""
    kinds = list(kinds)
    held: dict[int, set[str]] = defaultdict(set)
    if not kinds:
        return held
    rows = TrainingRecord.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=on_day),
        course__kind__in=kinds,
        completed_on__lte=on_day,
    )
    if expert_ids is None:
        rows = rows.filter(expert__status=Status.ACTIVE)
    else:
        rows = rows.filter(expert_id__in=list(expert_ids))
    pairs = rows.order_by().values_list("expert_id", "course__kind")
    for expert_id, kind in pairs.iterator(chunk_size=5000):
        held[expert_id].add(kind)
    return held
