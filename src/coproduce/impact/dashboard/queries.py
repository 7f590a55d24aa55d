"""The dashboard's own reads: plain numbers counted in the database for a period and team, a
fixed number of queries whatever the number of rows (no rows are loaded into Python).

Sessions count by the local day they started, and only once started (held); places count when
the expert attended. Confidential work is counted like any other: no title is ever read here.
Claims count by the day they were paid."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.money import ZERO
from coproduce.core.periods import financial_year_of
from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.models import Session
from coproduce.opportunities.queries.attended import attended_between
from coproduce.payments.choices import ClaimKind
from coproduce.payments.models import Claim
from coproduce.people.choices import Status
from coproduce.people.models import StatusChange


@dataclass(frozen=True)
class Month:
    """One calendar month of a period, cut to the period's first and last days."""

    first: date
    last: date

    @property
    def key(self) -> str:
        return f"{self.first:%Y%m}"


def months_between(start: date, end: date) -> list[Month]:
    months = []
    day = start
    while day <= end:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        months.append(Month(day, min(end, following - timedelta(days=1))))
        day = following
    return months


def _between(field_name: str, first: date, last: date, *, until: datetime | None = None) -> Q:
    before = day_after(last)
    if until is not None:
        before = min(before, until)
    return Q(**{f"{field_name}__gte": local_midnight(first), f"{field_name}__lt": before})


# Experts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpertCounts:
    active_at_end: int
    new: int
    leaving: int


def expert_counts(start: date, end: date) -> ExpertCounts:
    """Experts whose status at the end of `end` was active; experts who became active for the
    first time in the period; experts who left in it. Two queries, from the status history."""
    before = day_after(end)
    # Each expert's latest move before the end, found by a window over the history.
    latest = Window(
        RowNumber(), partition_by=F("expert_id"), order_by=[F("at").desc(), F("pk").desc()]
    )
    active = (
        StatusChange.objects.filter(at__lt=before)
        .annotate(place=latest)
        .filter(place=1)
        .aggregate(n=Count("pk", filter=Q(to_status=Status.ACTIVE)))["n"]
    )
    earlier_active = StatusChange.objects.filter(
        expert=OuterRef("expert"), to_status=Status.ACTIVE, at__lt=local_midnight(start)
    )
    moves = StatusChange.objects.filter(_between("at", start, end)).aggregate(
        new=Count(
            "expert", filter=Q(to_status=Status.ACTIVE) & ~Exists(earlier_active), distinct=True
        ),
        leaving=Count("expert", filter=Q(to_status=Status.LEFT), distinct=True),
    )
    return ExpertCounts(active_at_end=active, new=moves["new"], leaving=moves["leaving"])


# Sessions, places and hours ---------------------------------------------------------------------


def _held(start: date, end: date, team_id: int | None, now: datetime) -> Q:
    q = Q(status=SessionStatus.SCHEDULED) & _between("starts_at", start, end, until=now)
    if team_id is not None:
        q &= Q(opportunity__team_id=team_id)
    return q


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    sessions: int
    places: int
    hours: Decimal


@dataclass(frozen=True)
class Kind:
    """Sessions, places and hours for one stage and rung of the work, month by month."""

    stage: str
    rung: int
    months: list[MonthFigures]

    @property
    def sessions(self) -> int:
        return sum(m.sessions for m in self.months)

    @property
    def places(self) -> int:
        return sum(m.places for m in self.months)

    @property
    def hours(self) -> Decimal:
        return sum((m.hours for m in self.months), ZERO)


@dataclass(frozen=True)
class Involvement:
    """The period's sessions held, places attended and hours given, by stage and rung of the
    work and by month."""

    month_list: list[Month]
    kinds: list[Kind]

    @property
    def months(self) -> list[MonthFigures]:
        return [
            MonthFigures(
                month=month,
                sessions=sum(k.months[i].sessions for k in self.kinds),
                places=sum(k.months[i].places for k in self.kinds),
                hours=sum((k.months[i].hours for k in self.kinds), ZERO),
            )
            for i, month in enumerate(self.month_list)
        ]

    @property
    def sessions(self) -> int:
        return sum(k.sessions for k in self.kinds)

    @property
    def places(self) -> int:
        return sum(k.places for k in self.kinds)

    @property
    def hours(self) -> Decimal:
        return sum((k.hours for k in self.kinds), ZERO)


def month_number(field_name: str, months: list[Month]) -> Case:
    """Which month of the period a moment falls in (0 for the first), worked out by the
    database: each row is compared with the months' boundaries once, in order."""
    return Case(
        *[When(**{f"{field_name}__lt": day_after(m.last)}, then=i) for i, m in enumerate(months)],
        default=None,
        output_field=IntegerField(),
    )


# Sums of hours, to the hundredth as each place keeps them, read back exactly (SQLite sums
# them as floating point).
HOURS: DecimalField = DecimalField(max_digits=12, decimal_places=2)


def involvement(
    start: date, end: date, *, team_id: int | None = None, now: datetime | None = None
) -> Involvement:
    """Sessions held, places attended and hours given in each month of the period, for each
    stage and rung. One query over the period's sessions, grouped by stage, rung and month,
    adding up each session's tally of its attended places and hours (kept by the
    opportunities app as attendance is recorded), so no place is counted again here."""
    now = now or timezone.now()
    months = months_between(start, end)
    rows = (
        Session.objects.filter(_held(start, end, team_id, now))
        .order_by()
        .values("opportunity__stage", "opportunity__rung", month=month_number("starts_at", months))
        .annotate(
            n=Count("pk"),
            places=Sum("places_attended"),
            given=Sum("hours_attended", output_field=HOURS),
        )
        .values_list("opportunity__stage", "opportunity__rung", "month", "n", "places", "given")
    )
    counted: dict[tuple[str, int], list[list]] = {}

    def cells(stage: str, rung: int) -> list[list]:
        return counted.setdefault((stage, rung), [[0, 0, ZERO] for _ in months])

    for stage, rung, month, n, places, given in rows:
        cells(stage, rung)[month][:] = [n, places or 0, Decimal(given or ZERO)]
    kinds = [
        Kind(
            stage=stage,
            rung=rung,
            months=[
                MonthFigures(month=m, sessions=got[0], places=got[1], hours=got[2])
                for m, got in zip(months, by_month, strict=True)
            ],
        )
        for (stage, rung), by_month in counted.items()
    ]
    return Involvement(month_list=months, kinds=kinds)


@dataclass(frozen=True)
class Spread:
    """How the hours of the period fall among the experts who came."""

    experts: int  # who attended at all
    hours: Decimal
    top_experts: int  # the most-involved tenth: a tenth of `experts`, rounded up
    top_hours: Decimal

    @property
    def top_share(self) -> Decimal | None:
        return self.top_hours / self.hours if self.hours else None


def _ceil_tenth(count):
    """A tenth of `count`, rounded up, in whole numbers (in the database)."""
    return ExpressionWrapper((count + 9) / 10, output_field=IntegerField())


class Unindexed(Func):
    """The column's value as an expression (plus nought): grouped by it, SQLite reads the
    rows the other conditions find instead of walking the whole column's index in order."""

    template = "(%(expressions)s + 0)"
    output_field = IntegerField()


def spread(
    start: date, end: date, *, team_id: int | None = None, now: datetime | None = None
) -> Spread:
    """The share of the period's hours given by the most-involved tenth of the experts who
    came. One query: each expert's hours are summed and ranked by a window function, and the
    top tenth added up, all in the database."""
    now = now or timezone.now()
    given = Coalesce(Sum("hours"), Value(ZERO), output_field=DecimalField())
    per_expert = (
        attended_between(start, end, team_id=team_id, until=now)
        .order_by()
        .values(who=Unindexed("expert_id"))
        .annotate(given=given)
        .annotate(
            place=Window(RowNumber(), order_by=[F("given").desc(), F("who").asc()]),
            everyone=Window(Count("*")),
        )
    )
    top = Q(place__lte=_ceil_tenth(F("everyone")))
    got = per_expert.aggregate(
        experts=Count("who"),
        hours=Sum("given"),
        top_experts=Count("who", filter=top),
        top_hours=Sum("given", filter=top),
    )
    return Spread(
        experts=got["experts"] or 0,
        hours=Decimal(got["hours"] or ZERO).quantize(Decimal("0.01")),
        top_experts=got["top_experts"] or 0,
        top_hours=Decimal(got["top_hours"] or ZERO).quantize(Decimal("0.01")),
    )


# Days from session to payment ----------------------------------------------------------------


class DaysBetween(Func):
    """Whole days from the second date to the first, worked out by the database (SQLite keeps
    dates as text: julianday reads them without calling Python for each row)."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        later, earlier = self.source_expressions
        later_sql, later_params = compiler.compile(later)
        earlier_sql, earlier_params = compiler.compile(earlier)
        return (
            f"CAST(julianday({later_sql}) - julianday({earlier_sql}) AS integer)",
            (*later_params, *earlier_params),
        )


@dataclass(frozen=True)
class PaymentDays:
    paid: int  # involvement claims paid in the period
    median: Decimal | None
    slowest_tenth: int | None  # the slowest tenth took this many days or more


def payment_days(start: date, end: date, *, team_id: int | None = None) -> PaymentDays:
    """Days from the session to payment for involvement claims paid in the period: the median
    and where the slowest tenth begins. One query: the database ranks the claims by days and
    returns only the two or three rows at those ranks."""
    # A claim has a payment day once paid, and only then: by that day alone, SQLite reads the
    # table once rather than looking up each paid claim from the status index.
    claims = Claim.objects.filter(
        kind=ClaimKind.INVOLVEMENT,
        paid_on__gte=start,
        paid_on__lte=end,
    )
    if team_id is not None:
        claims = claims.filter(team_id=team_id)
    ranked = (
        claims.order_by()
        .annotate(days=DaysBetween(F("paid_on"), F("session_date")))
        .annotate(
            place=Window(RowNumber(), order_by=[F("days").asc(), F("pk").asc()]),
            everyone=Window(Count("*")),
        )
    )
    count = F("everyone")
    wanted = ranked.filter(
        Q(place=(count + 1) / 2) | Q(place=count / 2 + 1) | Q(place=_ceil_tenth(count * 9))
    ).values_list("place", "everyone", "days")
    rows = list(wanted)
    if not rows:
        return PaymentDays(paid=0, median=None, slowest_tenth=None)
    n = rows[0][1]
    days_at = {place: days for place, _, days in rows}
    middle = [days_at[(n + 1) // 2], days_at[n // 2 + 1]]
    return PaymentDays(
        paid=n,
        median=(Decimal(sum(middle)) / 2).quantize(Decimal("0.1")),
        slowest_tenth=days_at[(9 * n + 9) // 10],
    )


# Spend against budget: the financial years a period touches -------------------------------------


@dataclass(frozen=True)
class YearPart:
    """The months of one financial year that a period covers (0 is April)."""

    year: int
    month_indexes: list[int] = field(default_factory=list)

    @property
    def whole_year(self) -> bool:
        return len(self.month_indexes) == 12


def financial_years(start: date, end: date) -> list[YearPart]:
    parts: dict[int, YearPart] = {}
    for month in months_between(start, end):
        year = financial_year_of(month.first)
        part = parts.setdefault(year, YearPart(year))
        part.month_indexes.append((month.first.month - 4) % 12)
    return list(parts.values())
