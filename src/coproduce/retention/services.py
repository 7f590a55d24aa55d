"""Changing the retention periods, and applying them: the nightly task and
`manage.py apply_retention` call apply_retention, which erases or deletes what has been kept
long enough and records what it did (counts only) in a RetentionRun and the audit trail."""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.days import local_midnight
from coproduce.core.erasure import AlreadyErased, NotYet
from coproduce.core.formats import long_date
from coproduce.people import imports
from coproduce.people.erasure import erase_person
from coproduce.people.models import Expert
from coproduce.retention import queries
from coproduce.retention.kinds import KINDS, period_words
from coproduce.retention.models import COUNT_FOR, COUNTED, RetentionPeriods, RetentionRun

logger = logging.getLogger(__name__)

CHUNK = 500


def set_periods(*, actor, values: dict[str, int]) -> RetentionPeriods:
    """Saves new retention periods (every kind, from kinds.KINDS) and records who changed
    which, from what to what."""
    with transaction.atomic():
        before = RetentionPeriods.current()
        periods = RetentionPeriods.objects.create(
            set_by=actor, **{kind.field: values[kind.field] for kind in KINDS}
        )
        changes = {
            kind.name: [
                period_words(kind, getattr(before, kind.field)),
                period_words(kind, values[kind.field]),
            ]
            for kind in KINDS
            if getattr(before, kind.field) != values[kind.field]
        }
        audit.record_change(
            actor=actor,
            instance=periods,
            action=AuditEvent.Action.RETENTION_PERIODS_SET,
            changes=changes,
            summary="Retention periods changed: " + (", ".join(changes) or "none"),
        )
    return periods


@dataclass
class Outcome:
    """What a run did, or (a dry run) would do: a count for each kind, by RetentionRun field."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    run: RetentionRun | None = None


def _pks(queryset: QuerySet) -> Iterator[list[int]]:
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _erase(experts: QuerySet[Expert]) -> int:
    """Erases each expert (coproduce.people.erasure), each in its own transaction: a failure
    part way leaves the rest for the next run. One erased meanwhile is left alone, and so is
    one still owed money (a claim not yet paid or rejected): a later run erases them."""
    count = 0
    for ids in _pks(experts):
        for expert in Expert.objects.filter(pk__in=ids).only("pk"):
            try:
                erase_person(actor=None, expert=expert)
            except (AlreadyErased, NotYet):
                continue
            count += 1
    return count


def _delete_receipts(lines: QuerySet, note: str) -> int:
    """Deletes the receipt files; the claim and its lines stay, with a note in place of the
    receipt's file name (which may have named the person)."""
    count = 0
    for ids in _pks(lines):
        with transaction.atomic():
            chosen = lines.model.objects.filter(pk__in=ids).exclude(receipt="")
            files = [(line.receipt.storage, line.receipt.name) for line in chosen.only("receipt")]
            count += chosen.update(receipt="", receipt_name=note)

            def delete_files(files=files) -> None:
                for storage, name in files:
                    storage.delete(name)

            transaction.on_commit(delete_files)
    return count


def _prune_audit(cutoff) -> int:
    events, views = queries.audit_records(cutoff)
    before = local_midnight(cutoff)
    with transaction.atomic(), audit.pruning(before=before):
        return events.delete()[0] + views.delete()[0]


def apply_retention(*, dry_run: bool = False) -> Outcome:
    """Applies the periods in force. A dry run counts what would go and changes nothing."""
    periods = RetentionPeriods.current()
    cut = queries.cutoffs(periods)
    imports_age = timedelta(days=periods.abandoned_imports_days)
    outcome = Outcome()
    counts = outcome.counts
    if dry_run:
        events, views = queries.audit_records(cut.audit)
        counts.update(
            abandoned_imports=imports.abandoned_imports(older_than=imports_age).count(),
            receipts=queries.receipts(cut.receipts).count(),
            enquiries=queries.enquiries(cut.enquiries).count(),
            people_who_left=queries.people_who_left(cut.people_who_left).count(),
            audit_records=events.count() + views.count(),
        )
        return outcome

    counts["abandoned_imports"] = imports.forget_abandoned_imports(older_than=imports_age)
    counts["receipts"] = _delete_receipts(
        queries.receipts(cut.receipts),
        f"Receipt deleted under the retention rules on {long_date(cut.today)}",
    )
    counts["enquiries"] = _erase(queries.enquiries(cut.enquiries))
    counts["people_who_left"] = _erase(queries.people_who_left(cut.people_who_left))
    # Last, so that the records of the erasures above are themselves new and kept.
    counts["audit_records"] = _prune_audit(cut.audit)

    used = {kind.field: getattr(periods, kind.field) for kind in KINDS}
    with transaction.atomic():
        run = RetentionRun.objects.create(periods=used, **counts)
        audit.record_change(
            actor=None,
            instance=run,
            action=AuditEvent.Action.RETENTION_APPLIED,
            changes={"counts": counts, "periods": used},
            summary=summary(counts),
        )
    logger.info("Retention rules applied: %s", summary(counts))
    outcome.run = run
    return outcome


def summary(counts: dict[str, int]) -> str:
    """ "people who left 0, enquiries 2, ...": numbers only, nothing about anyone."""
    return ", ".join(f"{kind.name.lower()} {counts[COUNT_FOR[kind.field]]}" for kind in KINDS)
