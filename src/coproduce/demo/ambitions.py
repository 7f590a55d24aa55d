"""Demo data for the ambitions: seven strategic ambitions for involvement, in the words of NHS
trusts' and councils' involvement strategies, each with the past and planned work that serves
it, and yearly targets set so that this year's progress reads as a real one would (some
reached, most on the way). Runs after the involvement history and outcomes. Fast: one query
reads the work, the links go in with bulk_create, one query works out this year's progress for
the targets, and nothing is audited (demo data is nobody's change)."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.figures import Filters
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.demo.context import DemoContext
from coproduce.impact.ambitions import queries
from coproduce.impact.ambitions.models import Ambition, AmbitionLink, Measure
from coproduce.opportunities.choices import Kind, RequestStatus, Rung, Stage
from coproduce.opportunities.models import Opportunity

BATCH = 2000
WENT_AHEAD = (RequestStatus.APPROVED, RequestStatus.PUBLISHED)

# (title, what it means, how progress is judged, what a target counts, which work serves it)
AMBITIONS: list[tuple[str, str, str, str]] = [
    (
        "Experts are involved before decisions are made",
        "People who use our services and their carers help decide what we do while there is "
        "still a choice to make, not after the decision has been taken.",
        "The number of sessions held at the ‘analyse’ and ‘plan’ stages of a decision, and "
        "what staff record as changing because of them.",
        Measure.SESSIONS,
    ),
    (
        "Involvement reaches people who are seldom heard",
        "We go to the people we hear from least: young carers, people who are homeless, "
        "people from Black and minority ethnic communities, people with learning "
        "disabilities, and those who do not use computers.",
        "How many different experts take part each year, and who they are compared with the "
        "people who live in our area.",
        Measure.EXPERTS,
    ),
    (
        "We do with, not to",
        "More of our work is co-designed or co-produced: experts and staff share the power to "
        "decide, as equals, from the start.",
        "The share of hours of involvement at the co-design and co-production rungs of the "
        "ladder, rising each year.",
        Measure.HOURS,
    ),
    (
        "Every voice leads to a change we can show",
        "When experts give their time, we tell them what changed because of it (‘you said, "
        "we did’), or why nothing could.",
        "The outcomes recorded for the work, and how many were told back to the experts "
        "within eight weeks.",
        Measure.OUTCOMES,
    ),
    (
        "Experts help choose the people who care for them",
        "Experts by Experience sit on the interview panels for staff who work with patients, "
        "carers and families.",
        "The number of interview panels with an expert on them.",
        Measure.WORK,
    ),
    (
        "Carers are partners in planning and buying services",
        "Carers help plan, buy and check the services they and the people they care for "
        "rely on, and sit on the groups that decide.",
        "Carers on commissioning panels and quality visits, and the contracts they helped "
        "to shape.",
        Measure.NONE,
    ),
    (
        "Experts are supported, paid fairly and thanked",
        "Everyone who gives their time is paid or has their expenses met, has the support "
        "they need to take part, and is thanked.",
        "Feedback from experts about how they were supported, and claims paid on time.",
        Measure.NONE,
    ),
]

# How far through its target each ambition is this year: target = this year so far / share.
TARGET_SHARES = [Decimal("0.72"), Decimal("0.85"), Decimal("0.64"), Decimal("1.05"), Decimal("0.9")]
# Targets when there is nothing yet this year to go by.
FALLBACK_TARGETS: dict[str, int] = {
    Measure.SESSIONS: 60,
    Measure.EXPERTS: 150,
    Measure.HOURS: 800,
    Measure.OUTCOMES: 40,
    Measure.WORK: 12,
}


def _serves(index: int, kind: str, stage: str, rung: int, paid: bool, roll: float) -> bool:
    """Whether a piece of work serves the ambition at `index` of AMBITIONS."""
    if index == 0:
        return stage in (Stage.ANALYSE, Stage.PLAN) and roll < 0.7
    if index == 1:
        return kind in (Kind.CONSULTATION, Kind.FOCUS_GROUP, Kind.QUALITY_VISIT) or roll < 0.08
    if index == 2:
        return rung in (Rung.CO_DESIGN, Rung.CO_PRODUCTION) and roll < 0.8
    if index == 3:
        return roll < 0.3
    if index == 4:
        return kind == Kind.INTERVIEW_PANEL
    if index == 5:
        return kind in (Kind.COMMISSIONING, Kind.QUALITY_VISIT) and roll < 0.9
    return paid and roll < 0.25


def create(ctx: DemoContext) -> None:
    if Ambition.objects.exists():
        ctx.say("Ambitions: already there")
        return
    ambitions = Ambition.objects.bulk_create(
        [
            Ambition(
                title=title,
                meaning=meaning,
                judged_by=judged_by,
                measure=measure,
                target=FALLBACK_TARGETS.get(measure),
                position=position,
            )
            for position, (title, meaning, judged_by, measure) in enumerate(AMBITIONS, start=1)
        ]
    )
    # Work that went ahead, or is going ahead (one query).
    work = Opportunity.objects.filter(status__in=WENT_AHEAD).order_by("pk")
    rows = list(work.values_list("pk", "kind", "stage", "rung", "paid", "created_at"))
    # The involvement lead linked the work (one query).
    lead = (
        User.objects.filter(role=Role.INVOLVEMENT_LEAD, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    links = []
    for pk, kind, stage, rung, paid, created_at in rows:
        for index, one in enumerate(ambitions):
            if _serves(index, kind, stage, rung, paid, ctx.rng.random()):
                links.append(
                    AmbitionLink(
                        ambition=one,
                        opportunity_id=pk,
                        linked_by_id=lead,
                        linked_at=min(created_at + timedelta(days=ctx.rng.randint(1, 14)), ctx.now),
                    )
                )
    AmbitionLink.objects.bulk_create(links, batch_size=BATCH)
    _set_targets(ctx, ambitions)
    # A retired ambition, kept with its links, as an organisation's strategy moves on.
    retired = Ambition.objects.create(
        title="Experts attend the trust board",
        meaning="An expert sits at every public trust board meeting.",
        judged_by="Board meetings with an expert present.",
        position=len(ambitions) + 1,
        retired_at=ctx.now - timedelta(days=200),
    )
    AmbitionLink.objects.bulk_create(
        [
            AmbitionLink(ambition=retired, opportunity_id=pk, linked_by_id=lead, linked_at=made)
            for pk, *_, made in rows[:3]
        ]
    )
    ctx.say(f"Ambitions: {len(ambitions)} in force, {len(links):,} links to work")


def _set_targets(ctx: DemoContext, ambitions: list[Ambition]) -> None:
    """Yearly targets a little above this year's figures so far, so progress reads as real."""
    period = financial_year(financial_year_of(ctx.now.date()))
    progress = queries.progress(
        Filters(start=period.first, end=period.last), ambitions, now=ctx.now
    )
    changed = []
    shares = iter(TARGET_SHARES)
    for row in progress:
        measured = row.measured
        if measured is None:
            continue
        share = next(shares, Decimal("0.8"))
        if measured > 0:
            row.ambition.target = max(
                1, int((measured / share).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
            )
            changed.append(row.ambition)
    Ambition.objects.bulk_update(changed, ["target"])
