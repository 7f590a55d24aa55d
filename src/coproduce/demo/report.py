"""Demo data for the Experts Report: last financial year's report, written and published by the
involvement lead, with a foreword, highlights and three case studies chosen from the demo's
outcomes of that year (never confidential work's). Runs after outcomes. Fast: a few queries,
and nothing is audited (demo data is nobody's change)."""

from datetime import timedelta

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.days import day_after, local_midnight
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.demo.context import DemoContext
from coproduce.impact.outcomes.models import Outcome
from coproduce.impact.report.models import CaseStudy, Report

FOREWORD = (
    "Thank you. This report is for the Experts by Experience who gave their time, their "
    "stories and their patience to our work this year, and for everyone who wants to know "
    "what difference that made.\n\n"
    "You sat on interview panels, read papers, visited wards and care homes, and told us "
    "plainly when we got things wrong. Because of you, letters are easier to read, carers are "
    "asked before decisions are made, and people who use our services are part of choosing "
    "who works in them.\n\n"
    "The figures below show how much you did. The stories at the end show what changed. We "
    "know there is more to do, and we want to do it with you."
)
HIGHLIGHTS = [
    "Experts sat on interview panels for new ward managers and consultants",
    "Carers helped rewrite the discharge letter, now tested with patients each year",
    "The crisis line menu was redesigned with people who use it",
    "Every outcome recorded was told back to the experts who took part",
]
CASE_STUDIES = 3
CASE_TITLES = ["", "Listening before deciding", ""]


def create(ctx: DemoContext) -> None:
    if Report.objects.exists():
        ctx.say("Experts Report: already there")
        return
    year = financial_year_of(ctx.now.date()) - 1
    period = financial_year(year)
    start, end = local_midnight(period.first), day_after(period.last)
    lead = User.objects.filter(role=Role.INVOLVEMENT_LEAD).order_by("pk").first()
    # The year's outcomes where something changed, told in the experts' own words first.
    picks = list(
        Outcome.objects.filter(
            recorded_at__gte=start,
            recorded_at__lt=end,
            changed=True,
            opportunity__confidential=False,
        )
        .exclude(summary="")
        .order_by("recorded_at", "pk")
        .values_list("pk", flat=True)
    )
    chosen = ctx.rng.sample(picks, min(CASE_STUDIES, len(picks)))
    # Published in the summer after the year ends, or yesterday if that is still to come.
    published_at = min(end + timedelta(days=90), ctx.now - timedelta(days=1))
    report = Report.objects.create(
        year=year,
        foreword=FOREWORD,
        highlights=HIGHLIGHTS,
        state=Report.State.PUBLISHED,
        started_by=lead,
        published_at=published_at,
        published_by=lead,
    )
    CaseStudy.objects.bulk_create(
        CaseStudy(report=report, outcome_id=pk, position=n, title=CASE_TITLES[n - 1])
        for n, pk in enumerate(chosen, start=1)
    )
    ctx.say(f"Experts Report: {report.years} published with {len(chosen)} case studies")
