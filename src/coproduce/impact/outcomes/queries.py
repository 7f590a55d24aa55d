"""Reads for outcomes, each with a fixed number of queries: a piece of work and what it has
held, the work waiting for an outcome (and which of it is overdue), what happened next in the
work an expert took part in, and the figures the evaluation dashboard shows (computed in the
database, never by loading rows)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.impact.outcomes.models import Outcome, OutcomeWeeks, Telling
from coproduce.opportunities.choices import Attendance, RequestStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Opportunity
from coproduce.opportunities.queries.confidential import opportunity_q
from coproduce.people.models import Expert

# Work that went ahead: only this can be waiting for an outcome.
WENT_AHEAD = (RequestStatus.APPROVED, RequestStatus.PUBLISHED)


def current_weeks() -> OutcomeWeeks:
    """The weeks after the last session by which an outcome is due (one query)."""
    return OutcomeWeeks.current()


def _held(now: datetime, prefix: str = "sessions__") -> Q:
    return Q(**{f"{prefix}status": SessionStatus.SCHEDULED, f"{prefix}starts_at__lte": now})


# One piece of work ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    """What a piece of work has held by now: sessions not cancelled, how many have started,
    when the first started and when the last ends (perhaps still to come)."""

    sessions: int
    held: int
    first_started: datetime | None
    last_ends: datetime | None

    @property
    def any_held(self) -> bool:
        return self.held > 0


def work_for(user, pk: int) -> Opportunity | None:
    """The piece of work with its team, who asked for it and its outcome (one query); None
    when there is none or it is confidential work `user` is not named on."""
    return (
        Opportunity.objects.select_related(
            "team", "requested_by", "outcome", "outcome__recorded_by", "outcome__changed_by"
        )
        .filter(opportunity_q(user), pk=pk)
        .first()
    )


def held_by(opportunity: Opportunity, now: datetime | None = None) -> Held:
    """One query."""
    now = now or timezone.now()
    scheduled = Q(status=SessionStatus.SCHEDULED)
    got = opportunity.sessions.aggregate(
        sessions=Count("pk", filter=scheduled),
        held=Count("pk", filter=scheduled & Q(starts_at__lte=now)),
        first=Min("starts_at", filter=scheduled),
        last=Max("ends_at", filter=scheduled),
    )
    return Held(
        sessions=got["sessions"],
        held=got["held"],
        first_started=got["first"],
        last_ends=got["last"],
    )


def experts_who_attended(opportunity_id: int) -> QuerySet[Expert]:
    """Everyone who attended a session of the work, each once."""
    attended = Invitation.objects.filter(
        expert=OuterRef("pk"),
        session__opportunity_id=opportunity_id,
        attendance=Attendance.ATTENDED,
    )
    return Expert.objects.filter(Exists(attended)).order_by("full_name", "pk")


@dataclass(frozen=True)
class ToldSoFar:
    experts: int  # who attended
    told: int  # told in the outcome's latest round
    not_reached: int  # could not be told in the latest round


def told_so_far(outcome: Outcome) -> ToldSoFar:
    """How many who attended were told about the outcome as it stands (two queries)."""
    got = Telling.objects.filter(outcome=outcome, round=outcome.round).aggregate(
        told=Count("pk", filter=Q(told_at__isnull=False)),
        not_reached=Count("pk", filter=Q(told_at__isnull=True)),
    )
    return ToldSoFar(
        experts=experts_who_attended(outcome.opportunity_id).count(),
        told=got["told"],
        not_reached=got["not_reached"],
    )


# Work waiting for an outcome -----------------------------------------------------------------


def _waiting(now: datetime):
    """Work that went ahead, has held a session and has no outcome, with when its last
    session ends (`last_ends`)."""
    return (
        Opportunity.objects.filter(status__in=WENT_AHEAD, outcome__isnull=True)
        .annotate(
            held=Count("sessions", filter=_held(now)),
            last_ends=Max("sessions__ends_at", filter=Q(sessions__status=SessionStatus.SCHEDULED)),
        )
        .filter(held__gt=0)
    )


def _mine(user) -> Q:
    """The work a member of staff follows: what they asked for and their team's."""
    mine = Q(requested_by_id=user.pk)
    if user.team_id is not None:
        mine |= Q(team_id=user.team_id)
    return mine


@dataclass(frozen=True)
class Waiting:
    """One piece of work waiting for its outcome. `title` and `requested_by` are None where
    the reader may not see the confidential work: who asked for an investigation says what it
    is about nearly as much as its title."""

    pk: int
    title: str | None
    team: str
    requested_by: str | None
    last_ends: datetime
    due: datetime
    overdue_days: int

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True)
class TeamCount:
    """How much of one team's work waits for its outcome: overdue, and not due yet."""

    team_id: int
    team: str
    overdue: int
    not_due: int


def _waiting_for(user, *, everyone: bool, now: datetime):
    rows = _waiting(now)
    return rows if everyone else rows.filter(_mine(user))


def waiting_by_team(user, *, everyone: bool, now: datetime | None = None) -> list[TeamCount]:
    """Each team with work waiting for an outcome, by name, with how much is overdue and how
    much is not due yet: all the work (`everyone`, the involvement team's page) or what `user`
    asked for and their team's. One query for the rows' teams and dates, plus one for the
    weeks."""
    now = now or timezone.now()
    cutoff = now - timedelta(weeks=current_weeks().weeks)
    counts: dict[int, list] = {}
    rows = _waiting_for(user, everyone=everyone, now=now)
    for team_id, team, last_ends in rows.values_list("team_id", "team__name", "last_ends"):
        count = counts.setdefault(team_id, [team, 0, 0])
        count[1 if last_ends < cutoff else 2] += 1
    return sorted(
        (
            TeamCount(team_id, team, overdue, not_due)
            for team_id, (team, overdue, not_due) in counts.items()
        ),
        key=lambda c: (c.team.casefold(), c.team_id),
    )


def waiting_rows(
    user,
    *,
    everyone: bool,
    overdue: bool,
    weeks: int,
    now: datetime,
    team_id: int | None = None,
):
    """Work with sessions held and no outcome, overdue or not yet due, by team name and then
    the most overdue (or soonest due) first: for a page of them (`as_waiting`). `may_see`
    says whether `user` may see the title of confidential work."""
    cutoff = now - timedelta(weeks=weeks)
    rows = _waiting_for(user, everyone=everyone, now=now).annotate(
        may_see=Case(
            When(opportunity_q(user), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    rows = rows.filter(last_ends__lt=cutoff) if overdue else rows.filter(last_ends__gte=cutoff)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows.select_related("team", "requested_by").order_by("team__name", "last_ends", "pk")


def as_waiting(rows, *, weeks: int, now: datetime) -> list[Waiting]:
    """A page of `waiting_rows` in words, with how many days each is overdue (0 when not yet
    due). The title of confidential work the reader is not named on stays hidden, and who
    asked for it."""
    found = []
    for row in rows:
        due = row.last_ends + timedelta(weeks=weeks)
        found.append(
            Waiting(
                pk=row.pk,
                title=row.title if row.may_see else None,
                team=row.team.name,
                requested_by=row.requested_by.display_name if row.may_see else None,
                last_ends=row.last_ends,
                due=due,
                overdue_days=max((now - due).days, 0) if due < now else 0,
            )
        )
    return found


def overdue_count(
    *, now: datetime | None = None, user=None, team_id: int | None = None, weeks: int | None = None
) -> int:
    """How many pieces of work are past the date their outcome was due (one query, plus one
    for the weeks when not given): all of them, or `user`'s own and their team's, or one
    team's."""
    now = now or timezone.now()
    weeks = current_weeks().weeks if weeks is None else weeks
    rows = _waiting(now).filter(last_ends__lt=now - timedelta(weeks=weeks))
    if user is not None:
        rows = rows.filter(_mine(user))
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows.count()


# What happened next, for an expert ------------------------------------------------------------


def outcomes_for_expert(expert, *, limit: int | None = None) -> list[Outcome]:
    """Outcomes of the work `expert` attended, newest first, each with its work and the date
    of its last session they came to (`their_last`). One query."""
    attended = Invitation.objects.filter(
        session__opportunity_id=OuterRef("opportunity_id"),
        expert_id=expert.pk,
        attendance=Attendance.ATTENDED,
    )
    rows = (
        Outcome.objects.filter(Exists(attended))
        .select_related("opportunity")
        .annotate(
            their_last=Max(
                "opportunity__sessions__starts_at",
                filter=Q(
                    opportunity__sessions__invitations__expert_id=expert.pk,
                    opportunity__sessions__invitations__attendance=Attendance.ATTENDED,
                ),
            )
        )
        .order_by("-recorded_at", "-pk")
    )
    if limit is not None:
        rows = rows[:limit]
    return list(rows)


def count_for_expert(expert) -> int:
    attended = Invitation.objects.filter(
        session__opportunity_id=OuterRef("opportunity_id"),
        expert_id=expert.pk,
        attendance=Attendance.ATTENDED,
    )
    return Outcome.objects.filter(Exists(attended)).count()


# Telling experts ------------------------------------------------------------------------------


def outcome_to_tell(pk: int) -> Outcome | None:
    return Outcome.objects.select_related("opportunity").filter(pk=pk).first()


def experts_to_tell(outcome: Outcome) -> list[int]:
    """Who attended and has not been told in the outcome's latest round (one query)."""
    told = Telling.objects.filter(outcome=outcome, round=outcome.round, expert=OuterRef("pk"))
    return list(
        experts_who_attended(outcome.opportunity_id)
        .filter(~Exists(told))
        .values_list("pk", flat=True)
    )


# Figures for the evaluation dashboard ----------------------------------------------------------


def _period(start: date, end: date) -> Q:
    """Recorded between the start of `start` and the end of `end` (local days, inclusive)."""
    return Q(recorded_at__gte=local_midnight(start), recorded_at__lt=day_after(end))


def _recorded(start: date, end: date, team_id: int | None) -> QuerySet[Outcome]:
    rows = Outcome.objects.filter(_period(start, end))
    if team_id is not None:
        rows = rows.filter(opportunity__team_id=team_id)
    return rows


def outcomes_recorded(start: date, end: date, *, team_id: int | None = None) -> int:
    """Outcomes recorded in the period (and team). One query."""
    return _recorded(start, end, team_id).count()


@dataclass(frozen=True)
class ToldBack:
    """Outcomes recorded in a period, how many of them were told to the experts, and how many
    experts were told of them."""

    recorded: int
    told: int
    experts_told: int

    @property
    def share(self) -> Decimal | None:
        """The share of outcomes told back, 0 to 1 (None when none were recorded)."""
        if not self.recorded:
            return None
        return Decimal(self.told) / Decimal(self.recorded)


def told_back(start: date, end: date, *, team_id: int | None = None) -> ToldBack:
    """The dashboard's "outcomes recorded and the share told back to experts". One query."""
    # Joined to the tellings, so each outcome is counted once (distinct).
    got = _recorded(start, end, team_id).aggregate(
        recorded=Count("pk", distinct=True),
        told=Count("pk", filter=Q(told_at__isnull=False), distinct=True),
        experts_told=Count(
            "tellings__expert", filter=Q(tellings__told_at__isnull=False), distinct=True
        ),
    )
    return ToldBack(recorded=got["recorded"], told=got["told"], experts_told=got["experts_told"])


def tellings_of_expert(expert) -> QuerySet[Telling]:
    """What `expert` was told of outcomes, oldest first (their subject access)."""
    return (
        Telling.objects.filter(expert=expert)
        .select_related("outcome__opportunity")
        .order_by("created_at", "pk")
    )
