"""Reads for co-production declarations, each with a fixed number of queries: a programme
manager's own and their team's declarations, every declaration for the involvement team
(filtered by status and team), one declaration with its entries, reviews and follow-ups, the
co-production board's meetings and agenda, and the figures the dashboard shows (counted in the
database, never by loading rows)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.core.days import day_after, local_midnight
from coproduce.core.figures import Filters
from coproduce.impact.declarations.models import (
    DOING_WITH,
    BoardMeeting,
    Declaration,
    Entry,
    FollowUp,
    Review,
    Status,
)
from coproduce.opportunities.choices import GroupKind, Rung
from coproduce.opportunities.models import Group, Opportunity
from coproduce.opportunities.queries.confidential import opportunity_q

# How many pieces of work the entry form offers to link: the team's most recent.
WORK_TO_LINK = 30


def _with_counts(rows: QuerySet[Declaration], today: date) -> QuerySet[Declaration]:
    """Each declaration with its entries, follow-ups still open and those overdue."""
    return rows.select_related("team", "owner").annotate(
        entry_count=Count("entries", distinct=True),
        open_follow_ups=Count(
            "follow_ups", filter=Q(follow_ups__done_at__isnull=True), distinct=True
        ),
        overdue_follow_ups=Count(
            "follow_ups",
            filter=Q(follow_ups__done_at__isnull=True, follow_ups__due_on__lt=today),
            distinct=True,
        ),
    )


def _mine(user: User) -> Q:
    """A programme manager's own declarations, those they wrote, and their team's."""
    mine = Q(owner_id=user.pk) | Q(written_by_id=user.pk)
    if user.team_id is not None:
        mine |= Q(team_id=user.team_id)
    return mine


def declarations_for(user: User, *, today: date | None = None) -> list[Declaration]:
    """ "Your declarations": newest change first. One query."""
    today = today or timezone.localdate()
    return list(_with_counts(Declaration.objects.filter(_mine(user)), today))


def all_declarations(
    *, status: str = "", team_id: int | None = None, today: date | None = None
) -> QuerySet[Declaration]:
    """Every declaration for the involvement team: those waiting for the board first, then
    by latest change; narrowed to one status or team. One query (a page of it)."""
    today = today or timezone.localdate()
    rows = Declaration.objects.all()
    if status:
        rows = rows.filter(status=status)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return _with_counts(rows, today).order_by(
        Case(When(status=Status.WAITING, then=Value(0)), default=Value(1)),
        "-updated_at",
        "-pk",
    )


@dataclass(frozen=True)
class Totals:
    waiting: int
    overdue_follow_ups: int


def totals(*, today: date | None = None) -> Totals:
    """How many declarations wait for the board, and follow-ups overdue. Two queries."""
    today = today or timezone.localdate()
    return Totals(
        waiting=Declaration.objects.filter(status=Status.WAITING).count(),
        overdue_follow_ups=FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today).count(),
    )


def overdue_follow_ups(*, today: date | None = None) -> list[FollowUp]:
    """Follow-ups past their date and not done, oldest first, with their declaration. One
    query."""
    today = today or timezone.localdate()
    return list(
        FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today)
        .select_related("declaration__team")
        .order_by("due_on", "pk")
    )


# One declaration ------------------------------------------------------------------------------


def declaration(pk: int) -> Declaration | None:
    """With its team, programme manager and who wrote it (one query)."""
    return Declaration.objects.select_related("team", "owner", "written_by").filter(pk=pk).first()


def entries_of(found: Declaration, user: User) -> list[Entry]:
    """Its entries, each with its groups and the work it was part of; each piece of work says
    whether `user` may see its title (`may_see`: confidential work they are not named on
    stays hidden). Three queries."""
    work = Opportunity.objects.annotate(
        may_see=Case(
            When(opportunity_q(user), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("title", "pk")
    return list(
        found.entries.prefetch_related(
            Prefetch("groups", queryset=Group.objects.order_by("name")),
            Prefetch("opportunities", queryset=work),
        )
    )


def entry(found: Declaration, pk: int) -> Entry | None:
    """One of its entries, with its groups and work (three queries)."""
    return found.entries.prefetch_related("groups", "opportunities").filter(pk=pk).first()


def reviews_of(found: Declaration) -> list[Review]:
    """The board's reviews of it, newest first, each with its meeting and follow-ups. Two
    queries."""
    return list(
        found.reviews.select_related("meeting", "meeting__group", "reviewed_by").prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("done_by"))
        )
    )


def follow_up(pk: int) -> FollowUp | None:
    return FollowUp.objects.select_related("declaration").filter(pk=pk).first()


# Choices for forms ------------------------------------------------------------------------------


def teams() -> QuerySet[Team]:
    return Team.objects.filter(active=True).select_related("organisation")


def programme_managers() -> QuerySet[User]:
    """Staff who may own a declaration, for the involvement team writing one for them."""
    return User.objects.filter(role=Role.STAFF, is_active=True).order_by("full_name", "pk")


def standing_groups() -> QuerySet[Group]:
    return Group.objects.filter(active=True).order_by("name")


def board_groups() -> QuerySet[Group]:
    return Group.objects.filter(kind=GroupKind.COPRODUCTION_BOARD).order_by("name")


def work_to_link(user: User, found: Declaration) -> QuerySet[Opportunity]:
    """The team's most recent pieces of work `user` may see, and any already linked."""
    recent = list(
        Opportunity.objects.filter(opportunity_q(user), team_id=found.team_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:WORK_TO_LINK]
    )
    linked = Q(declaration_entries__declaration=found) & opportunity_q(user)
    return Opportunity.objects.filter(Q(pk__in=recent) | linked).distinct().order_by("title", "pk")


# The co-production board ------------------------------------------------------------------------


def meetings() -> QuerySet[BoardMeeting]:
    """Every board meeting, latest first, with how many declarations it reviewed. One query."""
    return BoardMeeting.objects.select_related("group").annotate(reviewed=Count("reviews"))


def meeting(pk: int) -> BoardMeeting | None:
    return BoardMeeting.objects.select_related("group").filter(pk=pk).first()


def waiting_for_board() -> list[Declaration]:
    """The agenda: declarations waiting for the board, longest waiting first. One query."""
    today = timezone.localdate()
    return list(
        _with_counts(Declaration.objects.filter(status=Status.WAITING), today).order_by(
            "submitted_at", "pk"
        )
    )


def reviewed_at(found: BoardMeeting) -> list[Review]:
    """What the board decided at this meeting, with each declaration. Two queries."""
    return list(
        found.reviews.select_related("declaration__team", "declaration__owner")
        .prefetch_related("follow_ups")
        .order_by("reviewed_at", "pk")
    )


# Figures for the evaluation dashboard ------------------------------------------------------------


def _day_range(field: str, start: date, end: date) -> Q:
    return Q(**{f"{field}__gte": local_midnight(start), f"{field}__lt": day_after(end)})


@dataclass(frozen=True)
class Figures:
    """Declarations started in the period by where they are now (every status, 0 where
    none), and the entries dated in the period of submitted declarations by rung (every rung,
    lowest first)."""

    by_status: dict[str, int]
    by_rung: dict[int, int]

    @property
    def declarations(self) -> int:
        return sum(self.by_status.values())

    @property
    def entries(self) -> int:
        return sum(self.by_rung.values())

    @property
    def doing_with(self) -> int:
        """Entries at co-design or co-production."""
        return sum(self.by_rung[rung] for rung in DOING_WITH)

    @property
    def doing_with_share(self) -> Decimal | None:
        """The share of entries at co-design or co-production, 0 to 1 (None with no entries)."""
        if not self.entries:
            return None
        return Decimal(self.doing_with) / Decimal(self.entries)


def figures(filters: Filters) -> Figures:
    """What the dashboard may show for a period and team. Two queries.

    - declarations by status: those started (created) between `filters.start` and
      `filters.end`, both days included;
    - entries by rung: the entries of submitted declarations (not drafts) whose date (when it
      happened, or is planned) falls in the period."""
    declarations = Declaration.objects.filter(_day_range("created_at", filters.start, filters.end))
    entries = Entry.objects.filter(on__gte=filters.start, on__lte=filters.end).exclude(
        declaration__status=Status.DRAFT
    )
    if filters.team_id is not None:
        declarations = declarations.filter(team_id=filters.team_id)
        entries = entries.filter(declaration__team_id=filters.team_id)
    status_counts = declarations.aggregate(
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in Status}
    )
    rung_counts = entries.aggregate(
        **{f"rung_{r.value}": Count("pk", filter=Q(rung=r.value)) for r in Rung}
    )
    return Figures(
        by_status={s.value: status_counts[s.value] for s in Status},
        by_rung={r.value: rung_counts[f"rung_{r.value}"] for r in Rung},
    )
