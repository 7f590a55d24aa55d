"""Reads of who has completed which training, each a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.training.models import Course, TrainingRecord


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


def holders(kind: str, on_day: date) -> QuerySet:
    """The ids of the experts who hold a course of this kind valid on `on_day`, as a subquery
    (for the shortlist, which asks the database whether each candidate is among them)."""
    return (
        TrainingRecord.objects.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gt=on_day),
            course__kind=kind,
            completed_on__lte=on_day,
            expert__isnull=False,
        )
        .order_by()
        .values("expert_id")
    )


# Courses -------------------------------------------------------------------------------------


def all_courses() -> QuerySet[Course]:
    """Every course, retired ones too, by name, each with how many records it has (one query)."""
    return Course.objects.annotate(record_count=Count("records")).order_by("name", "id")


def courses_offered(*, for_experts: bool | None = None, for_staff: bool | None = None):
    """Courses that are not retired, by name (one query): for experts, for staff, or all."""
    courses = Course.objects.filter(retired_at=None)
    if for_experts:
        courses = courses.filter(for_experts=True)
    if for_staff:
        courses = courses.filter(for_staff=True)
    return courses.order_by("name", "id")


def course(pk: int) -> Course:
    """The course, retired or not; 404 if there is none. The caller applies the rules."""
    found = Course.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such course.")
    return found


def course_name_taken(name: str, *, other_than: int | None = None) -> bool:
    clash = Course.objects.filter(name__iexact=name.strip())
    if other_than is not None:
        clash = clash.exclude(pk=other_than)
    return clash.exists()


# Records -------------------------------------------------------------------------------------

RELATED = ("course", "expert", "staff")


def record(pk: int) -> TrainingRecord:
    """One record with its course and person; 404 if there is none, or if it belongs to an
    expert whose information may not be used (restricted or erased)."""
    found = (
        TrainingRecord.objects.select_related(*RELATED)
        .filter(pk=pk)
        .exclude(expert__restricted_at__isnull=False)
        .exclude(expert__erased_at__isnull=False)
        .first()
    )
    if found is None:
        raise Http404("No such training record.")
    return found


def _usable(records: QuerySet[TrainingRecord]) -> QuerySet[TrainingRecord]:
    """Records of people we may use: experts not restricted or erased, staff who can sign in."""
    return records.filter(
        Q(expert__isnull=False, expert__restricted_at=None, expert__erased_at=None)
        | Q(staff__isnull=False, staff__is_active=True)
    )


def _current(records: QuerySet[TrainingRecord]) -> QuerySet[TrainingRecord]:
    """Leaves out records that a later completion of the same course has replaced: someone
    who has done their refresher is not "expiring"."""
    later = TrainingRecord.objects.filter(
        course_id=OuterRef("course_id"), completed_on__gt=OuterRef("completed_on")
    ).filter(
        Q(expert_id=OuterRef("expert_id"), expert__isnull=False)
        | Q(staff_id=OuterRef("staff_id"), staff__isnull=False)
    )
    return records.filter(~Exists(later))


@dataclass(frozen=True)
class RecordFilters:
    course_id: int | None = None
    who: str = ""  # "experts", "staff" or "" for both


def _filtered(records: QuerySet[TrainingRecord], filters: RecordFilters):
    if filters.course_id:
        records = records.filter(course_id=filters.course_id)
    if filters.who == "experts":
        records = records.filter(expert__isnull=False)
    elif filters.who == "staff":
        records = records.filter(staff__isnull=False)
    return records


def all_records(filters: RecordFilters) -> QuerySet[TrainingRecord]:
    """Who completed what and when, newest first, for a page of the list (one query a page,
    and one to count)."""
    records = _filtered(_usable(TrainingRecord.objects.all()), filters)
    return records.select_related(*RELATED).order_by("-completed_on", "-id")


def expiring(filters: RecordFilters, *, today: date, days: int) -> QuerySet[TrainingRecord]:
    """Training that runs out within `days` days from today and has not been done again,
    soonest first."""
    records = _filtered(_usable(TrainingRecord.objects.all()), filters).filter(
        expires_on__gt=today, expires_on__lte=today + timedelta(days=days)
    )
    return _current(records).select_related(*RELATED).order_by("expires_on", "id")


def expired(filters: RecordFilters, *, today: date, days: int) -> QuerySet[TrainingRecord]:
    """Training that ran out in the last `days` days and has not been done again, most recent
    first. Only people still with us: experts who left are not chased."""
    records = (
        _filtered(_usable(TrainingRecord.objects.all()), filters)
        .filter(expires_on__lte=today, expires_on__gt=today - timedelta(days=days))
        .exclude(expert__status=Status.LEFT)
    )
    return _current(records).select_related(*RELATED).order_by("-expires_on", "-id")


def training_of_expert(expert) -> list[TrainingRecord]:
    """The expert's training, newest first, with each course (one query)."""
    return list(
        TrainingRecord.objects.filter(expert=expert)
        .select_related("course")
        .order_by("-completed_on", "-id")
    )


def training_of_staff(user) -> list[TrainingRecord]:
    """A member of staff's training, newest first, with each course (one query)."""
    return list(
        TrainingRecord.objects.filter(staff=user)
        .select_related("course")
        .order_by("-completed_on", "-id")
    )


def experts_to_choose(text: str, *, limit: int = 25, page: int = 1) -> tuple[list, bool]:
    """One page of experts to tick on the "record for many" page: onboarding or active,
    found by name or email, by name; with whether there is a next page (one query: one row
    more than the page is read, to know)."""
    experts = Expert.objects.processable().filter(status__in=[Status.ONBOARDING, Status.ACTIVE])
    text = text.strip()
    if text:
        experts = experts.filter(
            Q(full_name__icontains=text)
            | Q(preferred_name__icontains=text)
            | Q(email__icontains=text)
        )
    start = (max(page, 1) - 1) * limit
    found = list(experts.order_by("full_name", "id")[start : start + limit + 1])
    return found[:limit], len(found) > limit


def experts_by_id(ids: Iterable[int]) -> list:
    """These experts, if they may be recorded against (onboarding or active, usable)."""
    return list(
        Expert.objects.processable()
        .filter(pk__in=list(ids), status__in=[Status.ONBOARDING, Status.ACTIVE])
        .order_by("full_name", "id")
    )


def staff_to_choose():
    """Staff who can sign in, by name, for recording staff training (one query)."""
    return User.objects.filter(is_active=True).exclude(role=Role.EXPERT).order_by("full_name", "id")


# Reminders -----------------------------------------------------------------------------------


def due_reminders(*, today: date, days: int) -> list[int]:
    """Records whose expiry is within `days` days, not yet reminded and not done again, of a
    course still offered, for people we may contact: their ids (one query)."""
    records = _usable(TrainingRecord.objects.all()).filter(
        reminded_at=None,
        course__retired_at=None,
        expires_on__gt=today,
        expires_on__lte=today + timedelta(days=days),
    )
    records = records.exclude(expert__status=Status.LEFT)
    return list(_current(records).order_by("expires_on", "id").values_list("pk", flat=True))


def records_for_reminders(ids: Iterable[int]) -> list[TrainingRecord]:
    return list(
        TrainingRecord.objects.filter(pk__in=list(ids))
        .select_related(*RELATED)
        .order_by("expires_on", "id")
    )


def team_addresses() -> list[str]:
    """The involvement team's inbox and every active coordinator and lead (one query), as
    the other notifications to the team."""
    team = User.objects.filter(
        role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD], is_active=True
    ).values_list("email", flat=True)
    return sorted({settings.INVOLVEMENT_TEAM_EMAIL, *team} - {""})
