"""Reads for the ambitions, each with a fixed number of queries: the ambitions in force and
retired, one ambition and the work linked to it, work to link found by title or team, and the
progress against each ambition in a period (computed in the database, never by loading rows).

Progress in a period counts, for the work linked to an ambition (of one team, if chosen):
- pieces of work: linked work with a session (not cancelled) starting in the period;
- sessions held: sessions not cancelled that started in the period, by now;
- hours of involvement and different experts: from attendance at those sessions;
- the share of those hours at the "doing with" rungs (co-design and co-production);
- outcomes recorded in the period (outcomes.models.Outcome).
Confidential work is counted like any other; only its title is kept from those not named."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.figures import Filters
from coproduce.impact.ambitions.models import Ambition, AmbitionLink, Measure
from coproduce.opportunities.choices import Attendance, Rung, SessionStatus
from coproduce.opportunities.models import Opportunity
from coproduce.opportunities.queries.confidential import opportunity_q

DOING_WITH = (Rung.CO_DESIGN, Rung.CO_PRODUCTION)
ZERO = Decimal("0")
# Work found to link, at most: a narrower search finds the rest.
MOST_FOUND = 20
# Linked work listed on an ambition's page, at most.
MOST_LISTED = 200


# The ambitions -------------------------------------------------------------------------------


def in_force() -> QuerySet[Ambition]:
    return Ambition.objects.filter(retired_at__isnull=True).order_by("position", "pk")


def retired() -> QuerySet[Ambition]:
    return (
        Ambition.objects.filter(retired_at__isnull=False)
        .select_related("retired_by")
        .order_by("-retired_at", "-pk")
    )


def ambition(pk: int) -> Ambition | None:
    """One ambition, in force or retired (one query)."""
    return Ambition.objects.select_related("retired_by").filter(pk=pk).first()


@dataclass(frozen=True)
class LinkedWork:
    """A piece of work linked to an ambition, as the reader may see it: `title` is None for
    confidential work they are not named on."""

    link_pk: int
    opportunity_pk: int
    title: str | None
    team: str
    rung: str
    status: str
    linked_by: str
    linked_at: datetime


def linked_work(user, ambition_pk: int, *, limit: int | None = None) -> list[LinkedWork]:
    """The work linked to an ambition, by team then title, at most `limit` (one query)."""
    may_see = Opportunity.objects.filter(opportunity_q(user), pk=OuterRef("opportunity_id"))
    rows = (
        AmbitionLink.objects.filter(ambition_id=ambition_pk)
        .select_related("opportunity__team", "linked_by")
        .annotate(may_see=Exists(may_see))
        .order_by("opportunity__team__name", "opportunity__title", "pk")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        LinkedWork(
            link_pk=row.pk,
            opportunity_pk=row.opportunity_id,
            title=row.opportunity.title if row.may_see else None,
            team=row.opportunity.team.name,
            rung=row.opportunity.get_rung_display(),
            status=row.opportunity.get_status_display(),
            linked_by=row.linked_by.display_name if row.linked_by else "",
            linked_at=row.linked_at,
        )
        for row in rows
    ]


def link_of(ambition_pk: int, link_pk: int) -> AmbitionLink | None:
    return (
        AmbitionLink.objects.select_related("opportunity", "ambition")
        .filter(ambition_id=ambition_pk, pk=link_pk)
        .first()
    )


def work_to_link(user, ambition_pk: int, words: str) -> list[Opportunity]:
    """Work `user` may see whose title or team holds `words`, not yet linked to the ambition,
    newest first (one query). Confidential work is found only by those named on it."""
    words = words.strip()
    if not words:
        return []
    return list(
        Opportunity.objects.filter(opportunity_q(user))
        .filter(Q(title__icontains=words) | Q(team__name__icontains=words))
        .exclude(ambition_links__ambition_id=ambition_pk)
        .select_related("team")
        .order_by("-created_at", "-pk")[:MOST_FOUND]
    )


def visible_work(user, pk: int) -> Opportunity | None:
    """A piece of work `user` may see, to link (one query)."""
    return Opportunity.objects.filter(opportunity_q(user), pk=pk).first()


# Progress ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """What the work linked to one ambition did in a period."""

    ambition: Ambition
    work: int
    sessions: int
    hours: Decimal
    experts: int
    doing_with_hours: Decimal
    outcomes: int

    @property
    def doing_with_share(self) -> Decimal | None:
        """The share of hours at the co-design and co-production rungs, 0 to 1 (None with no
        hours)."""
        if not self.hours:
            return None
        return self.doing_with_hours / self.hours

    @property
    def measured(self) -> Decimal | None:
        """The figure the ambition's target counts (None with no target)."""
        figures: dict[str, Decimal] = {
            Measure.WORK: Decimal(self.work),
            Measure.SESSIONS: Decimal(self.sessions),
            Measure.HOURS: self.hours,
            Measure.EXPERTS: Decimal(self.experts),
            Measure.OUTCOMES: Decimal(self.outcomes),
        }
        return figures.get(self.ambition.measure)

    @property
    def towards_target(self) -> Decimal | None:
        """How far towards the target, 0 up (1 is reached; None with no target)."""
        measured = self.measured
        if measured is None or not self.ambition.target:
            return None
        return measured / Decimal(self.ambition.target)


def progress(
    filters: Filters, ambitions: list[Ambition], *, now: datetime | None = None
) -> list[Progress]:
    """Progress against each of `ambitions`, in their order, for the period and team of
    `filters`. Three queries, whatever the work, sessions and attendance: the sessions with
    their tallies of places and hours (kept by the opportunities app), the different experts
    who came, and the outcomes."""
    now = now or timezone.now()
    start, end = local_midnight(filters.start), day_after(filters.end)
    links = AmbitionLink.objects.filter(ambition_id__in=[a.pk for a in ambitions])
    if filters.team_id is not None:
        links = links.filter(opportunity__team_id=filters.team_id)
    # The work's sessions are joined with the period as the join's own condition, so only the
    # period's sessions are read, not every session the work ever had. Each (ambition, work)
    # is one link, so the joined rows hold each session once.
    in_period = Q(
        opportunity__sessions__status=SessionStatus.SCHEDULED,
        opportunity__sessions__starts_at__gte=start,
        opportunity__sessions__starts_at__lt=end,
    )
    held = Q(period__starts_at__lte=now)
    rows = (
        links.alias(period=FilteredRelation("opportunity__sessions", condition=in_period))
        .values("ambition_id")
        .annotate(
            work=Count("opportunity_id", filter=Q(period__isnull=False), distinct=True),
            sessions=Count("period", filter=held),
            hours=Sum("period__hours_attended", filter=held),
            doing_with=Sum(
                "period__hours_attended", filter=held & Q(opportunity__rung__in=DOING_WITH)
            ),
        )
        .order_by()
    )
    experts = dict(
        links.alias(
            period=FilteredRelation("opportunity__sessions", condition=in_period),
            came=FilteredRelation(
                "period__invitations",
                condition=Q(
                    period__invitations__attendance=Attendance.ATTENDED,
                    period__starts_at__lte=now,
                ),
            ),
        )
        .filter(came__isnull=False)
        .values("ambition_id")
        .annotate(n=Count("came__expert", distinct=True))
        .order_by()
        .values_list("ambition_id", "n")
    )
    outcomes = dict(
        links.filter(
            opportunity__outcome__recorded_at__gte=start,
            opportunity__outcome__recorded_at__lt=end,
        )
        .values("ambition_id")
        .annotate(n=Count("opportunity__outcome", distinct=True))
        .order_by()
        .values_list("ambition_id", "n")
    )
    found = {row["ambition_id"]: row for row in rows}
    result = []
    for one in ambitions:
        row = found.get(one.pk, {})
        result.append(
            Progress(
                ambition=one,
                work=row.get("work", 0),
                sessions=row.get("sessions", 0),
                hours=row.get("hours") or ZERO,
                experts=experts.get(one.pk, 0),
                doing_with_hours=row.get("doing_with") or ZERO,
                outcomes=outcomes.get(one.pk, 0),
            )
        )
    return result


def linked_counts(ambition_pks: list[int]) -> dict[int, int]:
    """How many pieces of work are linked to each ambition, in all (one query)."""
    rows = (
        AmbitionLink.objects.filter(ambition_id__in=ambition_pks)
        .values("ambition_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["ambition_id"]: row["n"] for row in rows}


def ambitions_of_work(opportunity_pk: int) -> QuerySet[Ambition]:
    """The ambitions a piece of work serves, in force first, in order."""
    return Ambition.objects.filter(links__opportunity_id=opportunity_pk).order_by(
        "retired_at", "position", "pk"
    )
