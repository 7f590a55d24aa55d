"""Demo data for outcomes: what changed because experts took part in past work ("you said,
we did", in an NHS trust's words), told back to the experts who attended; some work whose
outcome is overdue; and some where nothing changed, with why. Runs after the involvement
history. Fast: a few queries to read the past work, every row goes in with bulk_create, and
nothing is audited (demo data is nobody's change)."""

from datetime import timedelta

from django.db.models import Max, Q

from coproduce.demo.context import DemoContext
from coproduce.impact.outcomes.models import DEFAULT_WEEKS, Outcome, Telling
from coproduce.impact.outcomes.telling import words_of
from coproduce.opportunities.choices import Attendance, Kind, RequestStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Opportunity

BATCH = 2000
# What experts said, and what the trust did about it, by kind of work.
SAID_DID: dict[str, list[tuple[str, str]]] = {
    Kind.COMMITTEE: [
        (
            "Papers arrive too late to read before the meeting",
            "Papers now go out seven days before, with a one-page summary in plain English",
        ),
        (
            "Experts are asked for views after the decision is already made",
            "Each agenda now has an 'experts first' item before any decision is taken",
        ),
    ],
    Kind.INTERVIEW_PANEL: [
        (
            "The questions did not ask how candidates would listen to patients",
            "Every ward manager interview now includes a question written by experts",
        ),
        (
            "The panel room was hard to reach for wheelchair users",
            "Interviews now take place in the ground-floor seminar room",
        ),
    ],
    Kind.INVESTIGATION: [
        (
            "Families were not told who their contact was during the review",
            "Each family now has a named family liaison officer from the first week",
        ),
    ],
    Kind.COMMISSIONING: [
        (
            "Carers want the same home care worker, not a different face each visit",
            "The new contract requires continuity of care worker for at least 80% of visits",
        ),
        (
            "Providers should be judged on what people say about them, not only on cost",
            "Feedback from people who use the service is now 20% of the tender score",
        ),
    ],
    Kind.QUALITY_VISIT: [
        (
            "Residents could not find the call bell at night",
            "Call bells are now on a cord within reach of every bed, checked each evening",
        ),
        (
            "The menu was only written in small print",
            "Menus are now large print with pictures, read aloud at mealtimes on request",
        ),
    ],
    Kind.TRAINING: [
        (
            "New staff do not hear what it is like to care for someone at home",
            "A carer now co-delivers the first morning of every staff induction",
        ),
    ],
    Kind.WORKSHOP: [
        (
            "The discharge letter is full of medical words",
            "We rewrote the letter with experts, and it is now tested with patients each year",
        ),
        (
            "People go home without knowing who to call if things go wrong",
            "Every discharge pack now has one phone number, open day and night",
        ),
        (
            "Letters about appointments are hard to read",
            "Appointment letters now come in Easy Read on request, and we ask at referral",
        ),
    ],
    Kind.CO_DESIGN: [
        (
            "The crisis line menu has too many options when you are unwell",
            "Callers now reach a person after one option; we removed the rest",
        ),
        (
            "The carers' assessment form asks the same things three times",
            "The form is half as long, and carers can fill it in with someone they trust",
        ),
    ],
    Kind.CONSULTATION: [
        (
            "Day services should open at weekends, when carers most need a break",
            "Two day centres now open on Saturdays from April",
        ),
    ],
    Kind.FOCUS_GROUP: [
        (
            "Nobody tells you how long you will wait",
            "Waiting times for each clinic are now shown on the website and the screens",
        ),
        (
            "The waiting room is too loud for autistic people",
            "There is now a quiet room you can ask for when you arrive",
        ),
    ],
}
SUMMARIES = [
    "You told us what was hard. We listened. We changed it. Thank you.",
    "You said it was hard to understand. We made it easier to read.",
    "Your ideas are now part of how we work. Thank you for your time.",
    "",
]
WHY_NOTHING = [
    "The service was paused while the trust merges with its neighbour. Your views are kept "
    "and will go to the new board in the spring.",
    "The funding for the new clinic was not agreed this year. We will ask again next year, "
    "with what you told us.",
]


def _outcome(ctx: DemoContext, pk: int, kind: str, recorded_at, told: bool) -> Outcome:
    rng = ctx.rng
    changed = rng.random() < 0.88
    pool = SAID_DID.get(kind) or SAID_DID[Kind.WORKSHOP]
    pairs = [
        {"said": said, "did": did}
        for said, did in rng.sample(pool, rng.randint(1, min(2, len(pool))))
    ]
    return Outcome(
        opportunity_id=pk,
        changed=changed,
        pairs=pairs if changed else [],
        why_nothing="" if changed else rng.choice(WHY_NOTHING),
        summary=rng.choice(SUMMARIES) if changed else "",
        recorded_at=recorded_at,
        told_at=recorded_at + timedelta(minutes=rng.randint(2, 30)) if told else None,
    )


def create(ctx: DemoContext) -> None:
    if Outcome.objects.exists():
        ctx.say("Outcomes: already there")
        return
    now = ctx.now
    due_after = timedelta(weeks=DEFAULT_WEEKS)
    # Work that went ahead and whose sessions are all over (one query).
    past = list(
        Opportunity.objects.filter(
            status__in=[RequestStatus.APPROVED, RequestStatus.PUBLISHED], group__isnull=True
        )
        .annotate(last=Max("sessions__ends_at", filter=Q(sessions__status=SessionStatus.SCHEDULED)))
        .filter(last__lt=now)
        .order_by("pk")
        .values_list("pk", "kind", "last")
    )
    outcomes: list[Outcome] = []
    overdue = 0
    for pk, kind, last in past:
        late = last < now - due_after
        # Most work has its outcome; some recent work is still waiting, and about one in
        # eight older pieces is overdue.
        if ctx.rng.random() < (0.12 if late else 0.6):
            overdue += late
            continue
        recorded_at = min(last + timedelta(days=ctx.rng.randint(5, 50)), now)
        outcomes.append(_outcome(ctx, pk, kind, recorded_at, told=ctx.rng.random() < 0.9))
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
    tellings = _tellings(ctx, outcomes)
    ctx.say(f"Outcomes: {len(outcomes):,} recorded, {tellings:,} tellings, {overdue:,} overdue")


def _tellings(ctx: DemoContext, outcomes: list[Outcome]) -> int:
    """Each expert who attended told of the outcomes told in the last year (older ones are
    counted as told, without the per-expert rows, to keep the demo quick)."""
    year_ago = ctx.now - timedelta(days=365)
    recent = {o.opportunity_id: o for o in outcomes if o.told_at and o.recorded_at >= year_ago}
    told_at = {pk: o.told_at for pk, o in recent.items() if o.told_at is not None}
    ids = sorted(recent)
    made = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        attended = (
            Invitation.objects.filter(
                session__opportunity_id__in=chunk, attendance=Attendance.ATTENDED
            )
            .values_list("session__opportunity_id", "expert_id")
            .order_by()
            .distinct()
        )
        titles = dict(Opportunity.objects.filter(pk__in=chunk).values_list("pk", "title"))
        rows = []
        for opportunity_id, expert_id in attended:
            outcome = recent[opportunity_id]
            outcome.opportunity = Opportunity(pk=opportunity_id, title=titles[opportunity_id])
            rows.append(
                Telling(
                    outcome=outcome,
                    expert_id=expert_id,
                    round=1,
                    words=words_of(outcome),
                    how=Telling.How.EMAIL,
                    told_at=told_at[opportunity_id],
                    created_at=told_at[opportunity_id],
                )
            )
        Telling.objects.bulk_create(rows, batch_size=BATCH)
        made += len(rows)
    return made
