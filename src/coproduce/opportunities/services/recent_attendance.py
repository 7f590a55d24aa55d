"""The stored count of sessions each expert attended in the last 12 months (RecentAttendance),
the shortlist's involvement rule. This is its only writer: `count_all` each night (the
12-month window moves with the day) and after demo data; `recount` for the experts whose
attendance was recorded or corrected, inside that transaction. Both lock the one row that
says which day the counts are for, so that neither writes counts for a day the other has
moved on from. The figure is what queries/recent.py counts live, for the same day."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from coproduce.opportunities.models import RecentAttendance, RecentAttendanceDay
from coproduce.opportunities.queries.recent import attended_in_window


def _locked_day() -> RecentAttendanceDay | None:
    return RecentAttendanceDay.objects.select_for_update().order_by("pk").first()


def count_all(today: date | None = None) -> int:
    """Counts every expert's attendance in the 12 months before `today` (the local day by
    default) and stores it, replacing every count. Returns how many experts attended any."""
    today = today or timezone.localdate()
    with transaction.atomic():
        marker = _locked_day()
        if marker is None:  # the first count: always row 1, so that there is only one
            marker = RecentAttendanceDay(pk=1, day=today)
        counts = (
            attended_in_window(today)
            .values_list("expert_id")
            .order_by()
            .annotate(n=Count("*"))
            .values_list("expert_id", "n")
        )
        RecentAttendance.objects.all().delete()
        RecentAttendance.objects.bulk_create(
            [RecentAttendance(expert_id=e, attended=n) for e, n in counts], batch_size=2000
        )
        marker.day = today
        marker.save()
        return RecentAttendance.objects.count()


def recount(expert_ids: Iterable[int]) -> None:
    """Counts again, for the day the stored counts are for, the attendance of these experts:
    called inside the transaction that records or corrects their attendance. Nothing to do
    before the first count (the shortlist counts live until there is one)."""
    ids = set(expert_ids)
    marker = _locked_day()
    if marker is None or not ids:
        return
    counts = dict(
        attended_in_window(marker.day)
        .filter(expert_id__in=ids)
        .values_list("expert_id")
        .order_by()
        .annotate(n=Count("*"))
        .values_list("expert_id", "n")
    )
    RecentAttendance.objects.filter(expert_id__in=ids - counts.keys()).delete()
    RecentAttendance.objects.bulk_create(
        [RecentAttendance(expert_id=e, attended=n) for e, n in counts.items()],
        update_conflicts=True,
        unique_fields=["expert"],
        update_fields=["attended"],
    )
