"""Reads for the Experts Report, each with a fixed number of queries: the reports a person may
read, one year's report with its case studies, the outcomes of a year that may be chosen as
case studies (never confidential work's), whether a year has anything to report, and the
year's figures from the evaluation dashboard."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.figures import Filters, Section
from coproduce.core.periods import Period, financial_year, financial_year_of
from coproduce.impact.dashboard import figures as dashboard_figures
from coproduce.impact.outcomes.models import Outcome
from coproduce.impact.report.models import CaseStudy, Report
from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.models import Session

# The outcomes to choose from, a page at a time.
OUTCOMES_A_PAGE = 20
# The earliest year a report can be started for, counting back from this one.
YEARS_BACK = 5
# The expert's home page shows the newest report for a year after it is published.
NEW_FOR_DAYS = 365


def period_of(year: int) -> Period:
    return financial_year(year)


def _moments(period: Period) -> tuple[datetime, datetime]:
    """The start of the period's first day and of the day after its last (local time)."""
    return local_midnight(period.first), day_after(period.last)


def this_year(today: date | None = None) -> int:
    """The financial year today is in."""
    return financial_year_of(today or timezone.localdate())


def years_to_start(today: date | None = None) -> list[int]:
    """The financial years a report may be started for, newest first: this year and the few
    before it, without those that have one (one query)."""
    latest = this_year(today)
    taken = set(Report.objects.values_list("year", flat=True))
    return [y for y in range(latest, latest - YEARS_BACK - 1, -1) if y not in taken]


def reports_for(*, drafts: bool) -> list[Report]:
    """Every report, newest year first; only the published ones unless `drafts` (one query)."""
    rows = Report.objects.all()
    if not drafts:
        rows = rows.filter(state=Report.State.PUBLISHED)
    return list(rows.order_by("-year"))


def report_for(year: int, *, drafts: bool) -> Report | None:
    """The year's report, or None when there is none or it is a draft and not `drafts` (one
    query)."""
    rows = Report.objects.select_related("started_by", "published_by").filter(year=year)
    if not drafts:
        rows = rows.filter(state=Report.State.PUBLISHED)
    return rows.first()


def newest_published(now: datetime | None = None) -> Report | None:
    """The newest report published in the last NEW_FOR_DAYS days (one query)."""
    now = now or timezone.now()
    return (
        Report.objects.filter(
            state=Report.State.PUBLISHED, published_at__gte=now - timedelta(days=NEW_FOR_DAYS)
        )
        .order_by("-year")
        .first()
    )


def _shown() -> Q:
    """Outcomes that may be shown in a report: never confidential work's, even if the work
    became confidential after it was chosen."""
    return Q(outcome__opportunity__confidential=False)


def case_studies_of(report: Report) -> list[CaseStudy]:
    """The report's case studies in order, each with its outcome and work (one query)."""
    return list(
        CaseStudy.objects.filter(_shown(), report=report)
        .select_related("outcome__opportunity__team")
        .order_by("position", "pk")
    )


def case_study(report: Report, pk: int) -> CaseStudy | None:
    return (
        CaseStudy.objects.filter(_shown(), report=report, pk=pk)
        .select_related("outcome__opportunity")
        .first()
    )


def _year_outcomes(year: int) -> QuerySet[Outcome]:
    start, end = _moments(period_of(year))
    return Outcome.objects.filter(
        recorded_at__gte=start, recorded_at__lt=end, opportunity__confidential=False
    )


def choosable_outcome(report: Report, pk: int) -> Outcome | None:
    """An outcome of the report's year that may be chosen (one query): None for another
    year's, confidential work's or one already chosen."""
    return (
        _year_outcomes(report.year)
        .exclude(pk__in=CaseStudy.objects.filter(report=report).values("outcome_id"))
        .select_related("opportunity")
        .filter(pk=pk)
        .first()
    )


def outcomes_to_choose(report: Report, *, words: str = "", page: int | str = 1) -> Page:
    """The outcomes of the report's year not yet chosen, where something changed first, then
    newest first; only those whose work's title has `words`, when given (two queries)."""
    rows = (
        _year_outcomes(report.year)
        .exclude(pk__in=CaseStudy.objects.filter(report=report).values("outcome_id"))
        .select_related("opportunity__team")
        .order_by("-changed", "-recorded_at", "-pk")
    )
    if words:
        rows = rows.filter(opportunity__title__icontains=words)
    return Paginator(rows, OUTCOMES_A_PAGE).get_page(page)


@dataclass(frozen=True)
class YearActivity:
    """What a year holds: sessions held and outcomes recorded. With neither, the report says
    there is nothing to report yet."""

    sessions: int
    outcomes: int

    @property
    def any(self) -> bool:
        return bool(self.sessions or self.outcomes)


def activity_in(year: int) -> YearActivity:
    """Two queries."""
    start, end = _moments(period_of(year))
    sessions = Session.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gte=start, starts_at__lt=end
    ).count()
    outcomes = Outcome.objects.filter(recorded_at__gte=start, recorded_at__lt=end).count()
    return YearActivity(sessions=sessions, outcomes=outcomes)


def figures_for(year: int) -> list[Section]:
    """The evaluation dashboard's figures and charts for the whole financial year, for every
    team, as nobody in particular sees them (so confidential work is counted, never named)."""
    period = period_of(year)
    return _dashboard_sections(Filters(start=period.first, end=period.last))


def _dashboard_sections(filters: Filters) -> list[Section]:
    return list(dashboard_figures.sections(filters, user=None))
