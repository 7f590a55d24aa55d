"""The evaluation dashboard's figures as sections (`core.figures.Section`): a heading, a sentence
or two in plain words, an SVG chart and the data table beside it, which is also the CSV.

    sections(Filters(start=date(2026, 4, 1), end=date(2027, 3, 31), team_id=None))

The numbers come from the apps that own them (feedback, outcomes, concerns, payments) and from
this app's queries; every one is counted in the database. `user` is the reader: the involvement
lead and coordinators are told how many comments were written (the words stay on the feedback
pages, behind feedback's own rule that one or two anonymous answers are kept back); without a
user (the annual report) nothing about comments is said. No title of any work appears here, so
confidential work is counted like any other."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.template.defaultfilters import pluralize
from django.utils import timezone

from coproduce.core import at_once
from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Filters, Section, Table
from coproduce.core.formats import count_of, money, short_date
from coproduce.core.money import ZERO
from coproduce.impact.ambitions import presenters as ambitions_presenters
from coproduce.impact.concerns import queries as concerns_queries
from coproduce.impact.dashboard import queries
from coproduce.impact.equality import presenters as equality_presenters
from coproduce.impact.feedback import queries as feedback_queries
from coproduce.impact.outcomes import queries as outcomes_queries
from coproduce.opportunities.choices import Rung, Stage
from coproduce.payments.queries.budgets import Figures as Money
from coproduce.payments.queries.budgets import budget_report

DOING_WITH = (Rung.CO_DESIGN, Rung.CO_PRODUCTION)
BEFORE_DECISIONS = (Stage.ANALYSE, Stage.PLAN)
EVERYONE_NOTE = "These figures are for everyone, whichever team is chosen: {what}."


def percent(part: Decimal | int, whole: Decimal | int) -> int | None:
    """A share as a whole percentage (half up), or None when there is nothing to share."""
    if not whole:
        return None
    return int(
        (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(Decimal(1), "ROUND_HALF_UP")
    )


def percent_text(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


def number(n: int) -> str:
    return f"{n:,}"


def hours_text(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')).normalize():,f}"


def period_words(filters: Filters) -> str:
    return f"{short_date(filters.start)} to {short_date(filters.end)}"


def _chart(
    slug: str,
    title: str,
    categories: list[str],
    series: list[Series],
    value_format: Callable[[Decimal], str] = lambda v: f"{v.normalize():,f}",
):
    return bar_chart(
        chart_id=f"chart-{slug}",
        title=title,
        description="The table below the chart gives the same figures.",
        categories=categories,
        series=series,
        value_format=value_format,
    )


def sees_comments(user) -> bool:
    return bool(user is not None and user.has_perm("dashboard.see_comments"))


# Experts ----------------------------------------------------------------------------------------


def experts_section(filters: Filters) -> Section:
    counts = queries.expert_counts(filters.start, filters.end)
    rows = [
        (f"Active on {short_date(filters.end)}", counts.active_at_end),
        ("Became active for the first time", counts.new),
        ("Left", counts.leaving),
    ]
    summary = (
        f"On {short_date(filters.end)}, {count_of(counts.active_at_end, 'expert was', 'experts were')} "
        f"active. In the period, {count_of(counts.new, 'expert')} became active for the first "
        f"time and {number(counts.leaving)} left."
    )
    if filters.team_id is not None:
        summary += " " + EVERYONE_NOTE.format(
            what="experts belong to the whole register, not a team"
        )
    return Section(
        slug="experts",
        title="Experts active, new and leaving",
        summary=summary,
        chart=_chart(
            "experts",
            "Experts active, new and leaving",
            [label for label, _ in rows],
            [Series("Experts", [n for _, n in rows])],
        ),
        table=Table(
            caption=f"Experts, {period_words(filters)}",
            headers=["Experts", "Number"],
            rows=[[label, number(n)] for label, n in rows],
        ),
    )


# Sessions and hours -----------------------------------------------------------------------------


def sessions_section(
    filters: Filters, involvement: queries.Involvement, spread: queries.Spread
) -> Section:
    months = involvement.months
    summary = (
        f"{count_of(involvement.sessions, 'session was', 'sessions were')} held. Experts came to "
        f"{count_of(involvement.places, 'place')} and gave "
        f"{count_of(involvement.hours.normalize(), 'hour')} of their time. "
        f"{count_of(spread.experts, 'expert')} took part."
    )
    if not involvement.sessions:
        summary = "No sessions were held in this period."
    labels = [f"{m.month.first:%B %Y}" for m in months]
    return Section(
        slug="sessions-and-hours",
        title="Sessions and hours of involvement",
        summary=summary,
        chart=_chart(
            "sessions-and-hours",
            "Hours of involvement by month",
            labels,
            [Series("Hours", [m.hours for m in months])],
        ),
        table=Table(
            caption=f"Sessions, places and hours by month, {period_words(filters)}",
            headers=["Month", "Sessions", "Places attended", "Hours"],
            rows=[
                [label, number(m.sessions), number(m.places), hours_text(m.hours)]
                for label, m in zip(labels, months, strict=True)
            ]
            + [
                [
                    "All months",
                    number(involvement.sessions),
                    number(involvement.places),
                    hours_text(involvement.hours),
                ]
            ],
        ),
    )


def _by(kinds: list[queries.Kind], key: str, values) -> list[tuple[Any, int, int, Decimal]]:
    rows = []
    for value in values:
        mine = [k for k in kinds if getattr(k, key) == value]
        rows.append(
            (
                value,
                sum(k.sessions for k in mine),
                sum(k.places for k in mine),
                sum((k.hours for k in mine), ZERO),
            )
        )
    return rows


def _kind_table(caption: str, heading: str, rows, labels: dict) -> Table:
    all_hours = sum((r[3] for r in rows), ZERO)
    return Table(
        caption=caption,
        headers=[heading, "Sessions", "Places attended", "Hours", "Share of hours"],
        rows=[
            [
                labels[value],
                number(sessions),
                number(places),
                hours_text(given),
                percent_text(percent(given, all_hours)),
            ]
            for value, sessions, places, given in rows
        ],
    )


def stage_section(filters: Filters, kinds: list[queries.Kind]) -> Section:
    rows = _by(kinds, "stage", Stage.values)
    labels = dict(Stage.choices)
    all_hours = sum((r[3] for r in rows), ZERO)
    early = sum((r[3] for r in rows if r[0] in BEFORE_DECISIONS), ZERO)
    share = percent(early, all_hours)
    summary = (
        f"{share}% of the hours were given at the analyse and plan stages, before decisions "
        "are made."
        if share is not None
        else "No hours of involvement were recorded in this period."
    )
    return Section(
        slug="by-stage",
        title="Involvement by stage of the decision",
        summary=summary,
        chart=_chart(
            "by-stage",
            "Hours of involvement by stage",
            [labels[r[0]] for r in rows],
            [Series("Hours", [r[3] for r in rows])],
        ),
        table=_kind_table(f"Involvement by stage, {period_words(filters)}", "Stage", rows, labels),
    )


def rung_section(filters: Filters, kinds: list[queries.Kind]) -> Section:
    rows = _by(kinds, "rung", Rung.values)
    labels = dict(Rung.choices)
    all_hours = sum((r[3] for r in rows), ZERO)
    all_sessions = sum(r[1] for r in rows)
    with_hours = sum((r[3] for r in rows if r[0] in DOING_WITH), ZERO)
    with_sessions = sum(r[1] for r in rows if r[0] in DOING_WITH)
    share = percent(with_hours, all_hours)
    if share is None and not all_sessions:
        summary = "No sessions were held in this period."
    else:
        summary = (
            f"“Doing with” experts (co-design and co-production) was "
            f"{percent_text(share)} of the hours and "
            f"{percent_text(percent(with_sessions, all_sessions))} of the sessions."
        )
    return Section(
        slug="by-rung",
        title="Involvement by rung of the ladder, and the share “doing with”",
        summary=summary,
        chart=_chart(
            "by-rung",
            "Hours of involvement by rung of the ladder of co-production",
            [labels[r[0]] for r in rows],
            [Series("Hours", [r[3] for r in rows])],
        ),
        table=_kind_table(
            f"Involvement by rung of the ladder, {period_words(filters)}", "Rung", rows, labels
        ),
    )


def spread_section(filters: Filters, spread: queries.Spread) -> Section:
    share = percent(spread.top_hours, spread.hours)
    others = spread.hours - spread.top_hours
    if share is None:
        summary = "No hours of involvement were recorded in this period."
    else:
        summary = (
            f"The most involved tenth of experts ({count_of(spread.top_experts, 'person', 'people')}"
            f" of {number(spread.experts)}) gave {share}% of the hours. The closer this is "
            "to 10%, the more widely involvement is shared."
        )
    rows = [
        ["Experts who took part", number(spread.experts)],
        ["The most involved tenth of them", number(spread.top_experts)],
        ["Hours given by everyone", hours_text(spread.hours)],
        ["Hours given by the most involved tenth", hours_text(spread.top_hours)],
        ["Their share of the hours", percent_text(share)],
    ]
    return Section(
        slug="spread",
        title="How widely involvement is spread",
        summary=summary,
        chart=_chart(
            "spread",
            "Hours given by the most involved tenth of experts and by everyone else",
            ["The most involved tenth", "Everyone else"],
            [Series("Hours", [spread.top_hours, others])],
        ),
        table=Table(
            caption=f"How widely involvement is spread, {period_words(filters)}",
            headers=["Measure", "Figure"],
            rows=rows,
        ),
    )


# Feedback, outcomes, concerns -----------------------------------------------------------------


def feedback_section(filters: Filters, *, user=None) -> Section:
    # Figures without a user leave out confidential work: the same for every reader and for
    # the annual report. Feedback keeps one or two anonymous answers back (held_back).
    got = feedback_queries.figures(
        feedback_queries.Filters(start=filters.start, end=filters.end, team_id=filters.team_id)
    )
    if not got.asked and not got.answers:
        summary = "Nobody was asked for feedback about a session in this period."
    else:
        summary = (
            f"Of the {count_of(got.asked, 'person', 'people')} asked, {number(got.answered)} "
            "told us how a session went"
            f"{f' ({got.answer_rate}%)' if got.answer_rate is not None else ''}."
        )
        best = [q for q in got.questions if q.score is not None]
        if best:
            first = best[0]
            summary += f" {first.score}% said yes to “{first.text}”."
    if got.held_back:
        summary += (
            f" {count_of(got.held_back, 'anonymous answer is', 'anonymous answers are')} not "
            f"counted: with fewer than {got.fewest_anonymous}, they could be traced to who gave "
            "them."
        )
    rows = [[q.text, percent_text(q.score), number(q.total)] for q in got.questions]
    rows += [
        ["People asked", "", number(got.asked)],
        ["People who answered", percent_text(got.answer_rate), number(got.answered)],
    ]
    if sees_comments(user):
        rows.append(["Comments written", "", number(got.comments)])
        summary += f" {count_of(got.comments, 'comment was', 'comments were')} written."
    return Section(
        slug="feedback",
        title="Feedback from experts",
        summary=summary,
        chart=_chart(
            "feedback",
            "Share of people who said yes to each question",
            [q.text for q in got.questions],
            [Series("Said yes", [q.score or 0 for q in got.questions])],
            value_format=lambda v: f"{v.normalize():f}%",
        ),
        table=Table(
            caption=f"Feedback scores, {period_words(filters)}",
            headers=["Question", "Said yes", "Answers"],
            rows=rows,
        ),
    )


def outcomes_section(filters: Filters, *, now: datetime | None = None) -> Section:
    told = outcomes_queries.told_back(filters.start, filters.end, team_id=filters.team_id)
    overdue = outcomes_queries.overdue_count(now=now, team_id=filters.team_id)
    share = percent(told.told, told.recorded)
    summary = (
        f"{count_of(told.recorded, 'outcome was', 'outcomes were')} recorded; "
        f"{percent_text(share)} of them were told back to the experts involved "
        f"({count_of(told.experts_told, 'expert')} told). "
        f"Today {count_of(overdue, 'piece of work is', 'pieces of work are')} past the date "
        "its outcome was due."
    )
    if not told.recorded:
        summary = (
            "No outcomes were recorded in this period. Today "
            f"{count_of(overdue, 'piece of work is', 'pieces of work are')} past the date its "
            "outcome was due."
        )
    return Section(
        slug="outcomes",
        title="Outcomes recorded and told back",
        summary=summary,
        chart=_chart(
            "outcomes",
            "Outcomes recorded, told back and overdue",
            ["Recorded", "Told back to experts", "Overdue today"],
            [Series("Outcomes", [told.recorded, told.told, overdue])],
        ),
        table=Table(
            caption=f"Outcomes, {period_words(filters)}",
            headers=["Outcomes", "Number"],
            rows=[
                ["Recorded", number(told.recorded)],
                ["Told back to experts", number(told.told)],
                ["Share told back", percent_text(share)],
                ["Experts told", number(told.experts_told)],
                ["Overdue today", number(overdue)],
            ],
        ),
    )


def concerns_section(filters: Filters) -> Section:
    got = concerns_queries.figures(filters.start, filters.end)
    summary = (
        f"{count_of(got.raised, 'concern was', 'concerns were')} raised "
        f"({number(got.raised_safeguarding)} about safeguarding) and "
        f"{number(got.closed)} closed."
    )
    if filters.team_id is not None:
        summary += " " + EVERYONE_NOTE.format(what="concerns are not kept by team")
    rows = [
        ("Raised", got.raised),
        ("Raised about safeguarding", got.raised_safeguarding),
        ("Closed", got.closed),
    ]
    return Section(
        slug="concerns",
        title="Concerns raised and closed",
        summary=summary,
        chart=_chart(
            "concerns",
            "Concerns raised and closed",
            [label for label, _ in rows],
            [Series("Concerns", [n for _, n in rows])],
        ),
        table=Table(
            caption=f"Concerns, {period_words(filters)}",
            headers=["Concerns", "Number"],
            rows=[[label, number(n)] for label, n in rows],
        ),
    )


# Money ----------------------------------------------------------------------------------------


def days_text(value: Decimal | int | None) -> str:
    if value is None:
        return "–"
    return count_of(Decimal(value).normalize(), "day")


def payment_days_section(filters: Filters) -> Section:
    got = queries.payment_days(filters.start, filters.end, team_id=filters.team_id)
    if not got.paid:
        summary = "No involvement payments were made in this period."
    else:
        summary = (
            f"Of {count_of(got.paid, 'involvement payment')} made, half reached the expert "
            f"within {days_text(got.median)} of the session. The slowest tenth took "
            f"{days_text(got.slowest_tenth)} or more."
        )
    return Section(
        slug="days-to-payment",
        title="Days from session to payment",
        summary=summary,
        chart=_chart(
            "days-to-payment",
            "Days from session to payment",
            ["Half were paid within", "The slowest tenth took at least"],
            [Series("Days", [got.median or 0, got.slowest_tenth or 0])],
            value_format=lambda v: days_text(v),
        ),
        table=Table(
            caption=f"Days from session to payment, paid {period_words(filters)}",
            headers=["Measure", "Figure"],
            rows=[
                ["Involvement payments made", number(got.paid)],
                ["Median days from session to payment", days_text(got.median)],
                ["The slowest tenth took at least", days_text(got.slowest_tenth)],
            ],
        ),
    )


def _year_words(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def spend_section(filters: Filters) -> Section:
    rows = []
    budgets: list[Decimal] = []
    spent: list[Decimal] = []
    labels = []
    part_year = False
    for part in queries.financial_years(filters.start, filters.end):
        report = budget_report(part.year, team_id=filters.team_id)
        counted = Money()
        for index in part.month_indexes:
            counted.add(report.by_month[index])
        part_year = part_year or not part.whole_year
        label = _year_words(part.year) + ("" if part.whole_year else " (part)")
        labels.append(label)
        budgets.append(report.budget_total)
        spent.append(counted.spent)
        rows.append(
            [
                label,
                money(report.budget_total),
                money(counted.paid),
                money(counted.approved),
                money(counted.waiting),
                money(counted.committed),
                money(report.budget_total - counted.total),
            ]
        )
    all_budget = sum(budgets, ZERO)
    all_spent = sum(spent, ZERO)
    summary = (
        f"{money(all_spent)} was paid or approved against "
        f"{pluralize(len(budgets), 'a budget,budgets')} of {money(all_budget)}"
        f"{f' ({percent(all_spent, all_budget)}%)' if all_budget else ''}."
    )
    if part_year:
        summary += (
            " Budgets are set for whole financial years; spending counts by the month of the "
            "session, for the months of the period."
        )
    return Section(
        slug="spend",
        title="Spend against budget",
        summary=summary,
        chart=_chart(
            "spend",
            "Budget and money paid or approved",
            labels,
            [Series("Budget", budgets), Series("Paid or approved", spent)],
            value_format=money,
        ),
        table=Table(
            caption=f"Spend against budget, {period_words(filters)}",
            headers=[
                "Financial year",
                "Budget",
                "Paid",
                "Approved",
                "Waiting for approval",
                "Committed",
                "Left of the budget",
            ],
            rows=rows,
        ),
    )


# All of them ------------------------------------------------------------------------------------


def sections(filters: Filters, *, user=None, now: datetime | None = None) -> list[Section]:
    """Every figure of the dashboard for the period and team, in the order the page shows
    them. A fixed number of queries whatever the rows (the spend counts a few for each
    financial year the period touches), run FIGURES_AT_ONCE at a time on PostgreSQL
    (core.at_once), the slowest first. Who is heard follows equality's own rule for a reader
    (the involvement team); without a reader (the annual report) it is included, its small
    numbers suppressed by equality itself."""
    now = now or timezone.now()
    start, end, team_id = filters.start, filters.end, filters.team_id
    heard = user is None or user.has_perm("equality.view_comparison")
    (
        ambitions,
        equality,
        spread,
        feedback,
        spend,
        outcomes,
        payment_days,
        experts,
        involvement,
        concerns,
    ) = at_once.run(
        lambda: ambitions_presenters.section(filters),
        lambda: equality_presenters.sections(filters) if heard else [],
        lambda: queries.spread(start, end, team_id=team_id, now=now),
        lambda: feedback_section(filters, user=user),
        lambda: spend_section(filters),
        lambda: outcomes_section(filters, now=now),
        lambda: payment_days_section(filters),
        lambda: experts_section(filters),
        lambda: queries.involvement(start, end, team_id=team_id, now=now),
        lambda: concerns_section(filters),
    )
    return [
        experts,
        sessions_section(filters, involvement, spread),
        stage_section(filters, involvement.kinds),
        rung_section(filters, involvement.kinds),
        spread_section(filters, spread),
        feedback,
        outcomes,
        concerns,
        payment_days,
        spend,
        ambitions,
        *equality,
    ]


def section(filters: Filters, slug: str, *, user=None) -> Section | None:
    """One section by its slug (its CSV download), or None when there is no such section."""
    return next((s for s in sections(filters, user=user) if s.slug == slug), None)
