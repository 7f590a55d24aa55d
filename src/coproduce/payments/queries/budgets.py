"""Spending against each team's involvement budget for a financial year, by team and month.

- committed: places accepted at paid sessions of the year whose attendance is not recorded yet
  (and that have no involvement payment), at the fee they are expected to pay under the policy
  in force on the session's date, after any choice the expert made about the fee;
- waiting: claims submitted or checked, waiting for approval;
- approved: claims approved, not yet paid;
- paid: claims paid.
Claims count by their session's date and team. Remaining is the budget less all four.

A fixed number of queries whatever the rows: the claims are summed in the database by team,
status and month; the accepted places are counted in the database by session (identical places
at one session are one row), and priced in Python against the policies, read once
(queries.fees.FeeTable)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, F, Func, IntegerField, Sum
from django.utils import timezone

from coproduce.accounts.models import Team
from coproduce.core.money import ZERO, pounds
from coproduce.core.periods import Period, financial_year
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Budget, Claim
from coproduce.payments.queries.benefits import committed_places
from coproduce.payments.queries.fees import FeeTable, after_choice

MONTHS_IN_YEAR = 12
COLUMN_OF_STATUS = {
    ClaimStatus.SUBMITTED: "waiting",
    ClaimStatus.CHECKED: "waiting",
    ClaimStatus.RETURNED: "waiting",
    ClaimStatus.APPROVED: "approved",
    ClaimStatus.PAID: "paid",
}


@dataclass
class Figures:
    """Money counted against a budget, in pounds."""

    committed: Decimal = ZERO
    waiting: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def spent(self) -> Decimal:
        """Approved and paid: money the organisation has agreed to pay."""
        return self.approved + self.paid

    @property
    def total(self) -> Decimal:
        """Everything counted against the budget."""
        return self.committed + self.waiting + self.approved + self.paid

    def add(self, other: "Figures") -> None:
        self.committed += other.committed
        self.waiting += other.waiting
        self.approved += other.approved
        self.paid += other.paid


@dataclass
class TeamFigures:
    team: Team
    budget: Budget | None
    figures: Figures = field(default_factory=Figures)
    months: list[Figures] = field(default_factory=lambda: [Figures() for _ in range(12)])

    @property
    def amount(self) -> Decimal | None:
        return self.budget.amount if self.budget else None

    @property
    def remaining(self) -> Decimal | None:
        if self.budget is None:
            return None
        return self.budget.amount - self.figures.total


@dataclass
class BudgetReport:
    year: int
    period: Period
    months: list[date]  # the first day of each month, April to March
    teams: list[TeamFigures]
    by_month: list[Figures]  # all the teams shown, month by month
    total: Figures
    budget_total: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget_total - self.total.total


def months_of(year: int) -> list[date]:
    return [date(year + (m // 12), m % 12 + 1, 1) for m in range(3, 15)]


def _month_index(year: int, day: date) -> int:
    return (day.year - year) * 12 + day.month - 4


class MonthOf(Func):
    """The month (1 to 12) of a date, worked out by the database itself. Django's ExtractMonth
    calls Python for every row on SQLite, which keeps dates as 'YYYY-MM-DD' text: there the
    month is simply the sixth and seventh characters."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(MONTH FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 6, 2) AS integer)", **extra
        )


def _claim_sums(period: Period, team_id: int | None):
    """One query: the claims' totals for each month, team and status.

    Grouped by month first, with no condition on status the database could answer from the
    status index: for a year's claims, reading the table once is quicker than looking each
    row up from an index, and rejected or withdrawn claims are simply left out of the sums."""
    claims = Claim.objects.filter(
        session_date__gte=period.first, session_date__lte=period.last
    ).exclude(status__in=[ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN])
    if team_id is not None:
        claims = claims.filter(team_id=team_id)
    # All three as expressions, month first: Django groups by plain fields before expressions,
    # and a GROUP BY that starts with team_id leads SQLite to walk the (team, session_date)
    # index and look every row up, several times slower than reading the table in order.
    return (
        claims.order_by()
        .values(month=MonthOf("session_date"), for_team=F("team_id"), state=F("status"))
        .annotate(amount=Sum("total"))
        .values_list("month", "for_team", "state", "amount")
    )


def _hours(starts: datetime, ends: datetime) -> Decimal:
    return pounds(Decimal((ends - starts).total_seconds()) / Decimal(3600))


def _accepted_places(period: Period, team_id: int | None):
    """One query: accepted places at paid, scheduled sessions in the year with no attendance
    recorded and no involvement payment, grouped so identical places count as one row."""
    places = committed_places(period.first, period.last)
    if team_id is not None:
        places = places.filter(session__opportunity__team_id=team_id)
    return (
        places.order_by()
        .values(
            "session_id",
            "hours",
            "fee_decision__choice",
            "fee_decision__reduced_amount",
            starts=F("session__starts_at"),
            ends=F("session__ends_at"),
            team=F("session__opportunity__team_id"),
            kind=F("session__opportunity__kind"),
            hourly_rate=F("session__opportunity__hourly_rate"),
        )
        .annotate(places=Count("id"))
    )


def budget_report(year: int, *, team_id: int | None = None) -> BudgetReport:
    """Budget, committed, waiting, approved, paid and remaining for each team (or the one team
    asked for), for the whole financial year starting in April `year` and for each month."""
    period = financial_year(year)
    months = months_of(year)
    teams = Team.objects.select_related("organisation").order_by("organisation__name", "name")
    budgets = Budget.objects.filter(year=year)
    if team_id is not None:
        teams = teams.filter(pk=team_id)
        budgets = budgets.filter(team_id=team_id)
    by_team = {team.pk: TeamFigures(team=team, budget=None) for team in teams}
    for budget in budgets:
        if budget.team_id in by_team:
            by_team[budget.team_id].budget = budget
    counted: set[int] = set()

    for month_number, claim_team, status, amount in _claim_sums(period, team_id):
        entry = by_team.get(claim_team)
        column = COLUMN_OF_STATUS.get(status)
        if entry is None or column is None or not amount:
            continue
        counted.add(claim_team)
        month = entry.months[(month_number - 4) % MONTHS_IN_YEAR]
        setattr(month, column, getattr(month, column) + pounds(amount))

    fees: FeeTable | None = None
    known: dict[tuple, Decimal] = {}  # places that would pay the same are priced once
    for row in _accepted_places(period, team_id):
        entry = by_team.get(row["team"])
        if entry is None:
            continue
        day = timezone.localdate(row["starts"])
        hours = row["hours"] if row["hours"] is not None else _hours(row["starts"], row["ends"])
        key = (day, row["kind"], row["hourly_rate"], hours)
        if key not in known:
            fees = fees or FeeTable()
            worked = fees.fee(
                kind=row["kind"], hourly_rate=row["hourly_rate"], day=day, hours=hours
            )
            known[key] = worked.amount if worked else ZERO
        each = after_choice(
            known[key], row["fee_decision__choice"], row["fee_decision__reduced_amount"]
        )
        if each:
            counted.add(entry.team.pk)
            entry.months[_month_index(year, day)].committed += each * row["places"]

    shown = [
        entry
        for entry in by_team.values()
        if entry.team.active
        or entry.budget is not None
        or entry.team.pk in counted
        or team_id is not None
    ]
    by_month = [Figures() for _ in months]
    total = Figures()
    for entry in shown:
        for index, month in enumerate(entry.months):
            entry.figures.add(month)
            by_month[index].add(month)
        total.add(entry.figures)
    budget_total = sum((e.budget.amount for e in shown if e.budget), ZERO)
    return BudgetReport(
        year=year,
        period=period,
        months=months,
        teams=shown,
        by_month=by_month,
        total=total,
        budget_total=budget_total,
    )


def budget_for(team: Team, year: int) -> Budget | None:
    """The team's budget for the financial year starting in `year`, if one is set (one query)."""
    return Budget.objects.filter(team=team, year=year).first()
