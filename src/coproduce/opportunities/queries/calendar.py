"""The calendar of meetings everyone signed in can see: by month, as a list, or as .ics.
Each read is bounded by dates, so a month costs the same however many years of meetings
there are. Staff see every team's published meetings; an expert sees only the meetings open
to them (see `open_to_expert`)."""

import calendar as calendar_module
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from coproduce.core.days import local_midnight
from coproduce.opportunities.choices import InvitationStatus, RequestStatus, SessionStatus
from coproduce.opportunities.models import CalendarFeed, Invitation, Membership, Session

LIST_MONTHS = 12


@dataclass(frozen=True)
class CalendarFilters:
    team_id: int | None = None
    group_id: int | None = None


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# An invitation the expert can still act on: not one they turned down or that was cancelled.
LIVE_INVITATIONS = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.WAITING)


def open_to_expert(sessions: QuerySet[Session], user_id: int) -> QuerySet[Session]:
    """Only the meetings open to the expert who signs in as `user_id`: those they are invited
    to (and have not declined), and the meetings of a group they belong to. Publishing work
    lets the involvement team invite experts to it; it does not show it to every expert, and
    another team's meetings (a serious incident review) must not be seen by experts not
    invited. Subqueries, so the calendar still costs one query."""
    invited = Invitation.objects.filter(
        expert__user_id=user_id, status__in=LIVE_INVITATIONS
    ).values("session_id")
    groups = Membership.objects.filter(expert__user_id=user_id, left_on__isnull=True).values(
        "group_id"
    )
    return sessions.filter(Q(pk__in=invited) | Q(opportunity__group_id__in=groups))


def sessions_between(
    start: date, end: date, filters: CalendarFilters, *, expert_user_id: int | None = None
) -> QuerySet[Session]:
    """Scheduled meetings of published work starting on or after `start` and before `end`
    (local dates), earliest first; for an expert (`expert_user_id`), only those open to them."""
    sessions: QuerySet[Session] = Session.objects.filter(
        starts_at__gte=local_midnight(start),
        starts_at__lt=local_midnight(end),
        status=SessionStatus.SCHEDULED,
        opportunity__status=RequestStatus.PUBLISHED,
        # Confidential work is never on the shared calendar, even for its named staff and
        # invited experts: they see it on its own pages (see opportunities.visibility).
        opportunity__confidential=False,
    )
    if filters.team_id:
        sessions = sessions.filter(opportunity__team_id=filters.team_id)
    if filters.group_id:
        sessions = sessions.filter(opportunity__group_id=filters.group_id)
    if expert_user_id is not None:
        sessions = open_to_expert(sessions, expert_user_id)
    return sessions.select_related(
        "opportunity",
        "opportunity__team",
        "opportunity__team__organisation",
        "opportunity__group",
        "opportunity__venue",
        "venue",
    ).order_by("starts_at", "id")


@dataclass
class Day:
    date: date
    in_month: bool
    sessions: list[Session]


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]

    @property
    def previous(self) -> date:
        return add_months(self.first, -1)

    @property
    def next(self) -> date:
        return add_months(self.first, 1)

    @property
    def days_with_meetings(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d.in_month and d.sessions]


def month_view(
    first: date, filters: CalendarFilters, *, expert_user_id: int | None = None
) -> Month:
    """The month as weeks from Monday to Sunday, each day with its meetings: one query."""
    weeks_of_dates = calendar_module.Calendar(firstweekday=0).monthdatescalendar(
        first.year, first.month
    )
    by_day: dict[date, list[Session]] = {}
    for session in sessions_between(
        first, add_months(first, 1), filters, expert_user_id=expert_user_id
    ):
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    weeks = [
        [Day(d, d.month == first.month, by_day.get(d, [])) for d in week] for week in weeks_of_dates
    ]
    return Month(first=first, weeks=weeks)


@dataclass
class MonthOfSessions:
    first: date
    sessions: list[Session]


def list_view(
    first: date,
    filters: CalendarFilters,
    months: int = LIST_MONTHS,
    *,
    expert_user_id: int | None = None,
) -> list[MonthOfSessions]:
    """Meetings in the `months` months from `first`, grouped by month: one query."""
    grouped = [MonthOfSessions(add_months(first, n), []) for n in range(months)]
    index = {(m.first.year, m.first.month): m for m in grouped}
    for session in sessions_between(
        first, add_months(first, months), filters, expert_user_id=expert_user_id
    ):
        local = timezone.localtime(session.starts_at)
        index[(local.year, local.month)].sessions.append(session)
    return grouped


def today_local() -> date:
    return timezone.localdate()


def parse_month(value: str | None) -> date | None:
    """'2026-11' as the first of that month, or None when it is not a month."""
    if not value:
        return None
    try:
        parsed = datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    return parsed if 1900 <= parsed.year <= 2200 else None


def feed_with_token(token: str) -> CalendarFeed | None:
    """The private calendar feed this secret address opens, with its expert (one query)."""
    return CalendarFeed.objects.filter(token=token).select_related("expert").first()
