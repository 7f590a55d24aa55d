"""What the retention rules reach today: the cut-off of each kind, and the records older than
it. Each record is counted from a date kept whole: a record made on the cut-off day is kept,
one made the day before goes. Running the rules twice on one day finds nothing the second time,
because whatever they reach is erased or deleted and so no longer matches."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import DateTimeField, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.core.days import local_midnight
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import ClaimLine
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.retention.models import RetentionPeriods, RetentionRun


@dataclass(frozen=True)
class Cutoffs:
    """Records from before these days go, counted in whole days: a claim paid on `receipts`
    keeps its receipt; one paid the day before does not. (Abandoned imports count exact days
    from the moment: see people.imports.abandoned_imports.)"""

    today: date
    people_who_left: date
    enquiries: date
    receipts: date
    audit: date


def cutoffs(periods: RetentionPeriods) -> Cutoffs:
    today = timezone.localdate()

    def months_ago(months: int) -> date:
        return today - relativedelta(months=months)

    return Cutoffs(
        today=today,
        people_who_left=months_ago(periods.people_who_left_months),
        enquiries=months_ago(periods.enquiries_months),
        receipts=months_ago(periods.receipts_months),
        audit=months_ago(periods.audit_months),
    )


def people_who_left(cutoff: date) -> QuerySet[Expert]:
    """Experts who left before the cut-off and are not yet erased. They left on their last
    change of status to left; one recorded as left with no such change (imported so) counts
    from the last change to their record, which is never earlier."""
    left_at = Coalesce(
        Max("status_changes__at", filter=Q(status_changes__to_status=Status.LEFT)),
        "updated_at",
        output_field=DateTimeField(),
    )
    return (
        Expert.objects.filter(status=Status.LEFT, erased_at__isnull=True)
        .annotate(left_at=left_at)
        .filter(left_at__lt=local_midnight(cutoff))
        .order_by("pk")
    )


def enquiries(cutoff: date) -> QuerySet[Expert]:
    """Enquiries that went no further: still an enquiry, not changed since before the
    cut-off, and not yet erased."""
    return Expert.objects.filter(
        status=Status.ENQUIRY, erased_at__isnull=True, updated_at__lt=local_midnight(cutoff)
    ).order_by("pk")


def receipts(cutoff: date) -> QuerySet[ClaimLine]:
    """Lines of claims paid before the cut-off that still have a receipt file."""
    return (
        ClaimLine.objects.filter(claim__status=ClaimStatus.PAID, claim__paid_on__lt=cutoff)
        .exclude(receipt="")
        .order_by("pk")
    )


def audit_records(cutoff: date) -> tuple[QuerySet[AuditEvent], QuerySet[RecordView]]:
    """Records of changes, and of who opened what, made before the cut-off."""
    before = local_midnight(cutoff)
    return AuditEvent.objects.filter(at__lt=before), RecordView.objects.filter(at__lt=before)


def last_retention_run() -> RetentionRun | None:
    """What the nightly task did the last time it ran, if it has run (one query)."""
    return RetentionRun.objects.first()
