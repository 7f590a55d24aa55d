"""Outcomes recorded in a known financial year, and a report for it, for the report tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from coproduce.impact.outcomes.models import Outcome
from coproduce.impact.report.models import CaseStudy, Report
from tests.factories import OpportunityFactory

YEAR = 2024  # 1 April 2024 to 31 March 2025
LONDON = ZoneInfo("Europe/London")


def moment(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=LONDON)


def outcome(
    title: str,
    *,
    recorded: datetime | None = None,
    confidential: bool = False,
    changed: bool = True,
    summary: str = "",
    team=None,
) -> Outcome:
    """An outcome of a new piece of work called `title`, recorded (by default) in YEAR."""
    extra = {"team": team} if team is not None else {}
    work = OpportunityFactory(title=title, confidential=confidential, **extra)
    return Outcome.objects.create(
        opportunity=work,
        changed=changed,
        pairs=[{"said": f"{title}: what experts said", "did": f"{title}: what we did"}]
        if changed
        else [],
        why_nothing="" if changed else "The money was not there this year.",
        summary=summary,
        recorded_at=recorded or moment(YEAR, 9, 1),
    )


def report(year: int = YEAR, *, published: bool = False, **fields) -> Report:
    made = Report.objects.create(
        year=year,
        state=Report.State.PUBLISHED if published else Report.State.DRAFT,
        published_at=moment(year + 1, 5, 1) if published else None,
        **fields,
    )
    return made


def chosen(report: Report, *outcomes: Outcome) -> list[CaseStudy]:
    return [
        CaseStudy.objects.create(report=report, outcome=one, position=n)
        for n, one in enumerate(outcomes, start=1)
    ]


def known_sections(filters) -> list:
    """Two small figures sections standing in for the dashboard's, so the report's layout is
    tested with numbers it knows."""
    from coproduce.core.charts import Series, bar_chart
    from coproduce.core.figures import Section, Table

    months = ["April 2024", "May 2024"]
    return [
        Section(
            slug="sessions-and-hours",
            title="Sessions and hours of involvement",
            summary="7 sessions and 31 hours of involvement.",
            chart=bar_chart(
                chart_id="sessions-and-hours",
                title="Sessions by month",
                description="Sessions in April and May 2024.",
                categories=months,
                series=[Series("Sessions", [3, 4])],
            ),
            table=Table(
                caption="Sessions and hours by month",
                headers=["Month", "Sessions", "Hours"],
                rows=[["April 2024", "3", "12"], ["May 2024", "4", "19"]],
            ),
        ),
        Section(
            slug="told-back",
            title="Outcomes told back to experts",
            summary="9 of 10 outcomes were told back.",
            chart=None,
            table=Table(
                caption="Outcomes told back", headers=["Outcomes", "Told"], rows=[["10", "9"]]
            ),
        ),
    ]
