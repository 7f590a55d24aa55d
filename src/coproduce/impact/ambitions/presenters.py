"""Shaping for the ambitions pages and the dashboard: progress against each ambition in
words, as a chart with its data table, and as a `Section` (core.figures) that the evaluation
dashboard, the CSV download and the annual report lay out."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Filters, Section, Table
from coproduce.core.formats import count_of, hours, long_date
from coproduce.impact.ambitions import queries
from coproduce.impact.ambitions.models import Measure
from coproduce.impact.ambitions.queries import Progress

SLUG = "ambitions-progress"
TITLE = "Progress against our ambitions"
HEADERS = [
    "Ambition",
    "Pieces of work",
    "Sessions held",
    "Hours of involvement",
    "Different experts",
    "Share of hours doing with",
    "Outcomes recorded",
    "Towards the yearly target",
]
# What a target counts, said after its number: "40 sessions held".
MEASURE_WORDS = {
    Measure.WORK: ("piece of work", "pieces of work"),
    Measure.SESSIONS: ("session held", "sessions held"),
    Measure.HOURS: ("hour of involvement", "hours of involvement"),
    Measure.EXPERTS: ("different expert involved", "different experts involved"),
    Measure.OUTCOMES: ("outcome recorded", "outcomes recorded"),
}


def percent(share: Decimal | None) -> str:
    """0.4567 as "46%"; "None yet" with nothing to share."""
    if share is None:
        return "None yet"
    return f"{(share * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


def target_words(measure: str, target: int | None) -> str:
    """ "40 sessions held a year", or "No yearly target"."""
    if not measure or not target:
        return "No yearly target"
    one, many = MEASURE_WORDS[Measure(measure)]
    return f"{count_of(target, one, many)} a year"


def towards_target(row: Progress) -> str:
    """ "12 of 40 (30%)", or "No target"."""
    share = row.towards_target
    if share is None or row.measured is None:
        return "No target"
    return f"{row.measured.normalize():,f} of {row.ambition.target:,} ({percent(share)})"


def period_words(filters: Filters) -> str:
    return f"{long_date(filters.start)} to {long_date(filters.end)}"


def table_rows(rows: list[Progress]) -> list[list[str]]:
    return [
        [
            row.ambition.title,
            f"{row.work:,}",
            f"{row.sessions:,}",
            hours(row.hours),
            f"{row.experts:,}",
            percent(row.doing_with_share),
            f"{row.outcomes:,}",
            towards_target(row),
        ]
        for row in rows
    ]


def chart(rows: list[Progress], filters: Filters, chart_id: str = "chart-ambitions"):
    """Sessions, hours and different experts for each ambition: the table beside it gives
    every figure."""
    if not rows:
        return None
    return bar_chart(
        chart_id=chart_id,
        title=f"{TITLE}, {period_words(filters)}",
        description=(
            f"For each of {count_of(len(rows), 'ambition')}: the sessions held, the hours of "
            "involvement and the different experts involved in the work linked to it. "
            "The table after the chart gives these and the other figures."
        ),
        categories=[row.ambition.title for row in rows],
        series=[
            Series("Sessions", [row.sessions for row in rows], style=0),
            Series("Hours", [row.hours for row in rows], style=1),
            Series("Experts", [row.experts for row in rows], style=2),
        ],
        value_format=hours,
    )


def summary(rows: list[Progress]) -> str:
    if not rows:
        return "No ambitions have been set yet."
    with_target = [row for row in rows if row.towards_target is not None]
    reached = [row for row in with_target if (row.towards_target or 0) >= 1]
    linked = sum(1 for row in rows if row.work)
    words = f"{count_of(len(rows), 'ambition')}, {linked:,} with work in the period. "
    if with_target:
        words += f"{len(reached):,} of {count_of(len(with_target), 'yearly target')} reached."
    else:
        words += "No yearly targets are set."
    return words


def section(filters: Filters) -> Section:
    """ "Progress against our ambitions" for the dashboard: each ambition in force, with the
    work linked to it in the period (and team) of `filters`. Two queries."""
    rows = queries.progress(filters, list(queries.in_force()))
    return Section(
        slug=SLUG,
        title=TITLE,
        summary=summary(rows),
        chart=chart(rows, filters, chart_id=f"chart-{SLUG}"),
        table=Table(
            caption=f"{TITLE}, {period_words(filters)}",
            headers=HEADERS,
            rows=table_rows(rows),
        ),
    )


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


def figures(row: Progress) -> list[Figure]:
    """One ambition's progress, for its own page."""
    return [
        Figure("Pieces of work with sessions", f"{row.work:,}"),
        Figure("Sessions held", f"{row.sessions:,}"),
        Figure("Hours of involvement", hours(row.hours)),
        Figure("Different experts involved", f"{row.experts:,}"),
        Figure("Share of hours at co-design or co-production", percent(row.doing_with_share)),
        Figure("Outcomes recorded", f"{row.outcomes:,}"),
        Figure("Towards the yearly target", towards_target(row)),
    ]
