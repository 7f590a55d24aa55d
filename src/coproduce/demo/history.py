"""Demo data for invitations and attendance: three years of past work and who came, at the
scale the benchmark needs, and a few upcoming sessions with invitations for the demo experts who
can sign in. opportunities.py calls it last, once the venues, groups, opportunities and sessions
exist.

About ten attended sessions per expert (over 200,000 for a 20,000-expert register, the scale
issue 13's speed targets are stated for), skewed as in real life: a "usual few" attend far more
often than most, which is what the shortlist's "involvement in the last 12 months" rule is
there to balance. Fast: every row goes in with
bulk_create, many-to-many links as through rows, and nothing is audited (demo data is nobody's
change)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import accumulate

from django.utils import timezone

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.demo import bulk
from coproduce.demo.context import DemoContext
from coproduce.opportunities.choices import (
    Attendance,
    Format,
    InvitationStatus,
    Kind,
    RequestStatus,
    Rung,
    Stage,
)
from coproduce.opportunities.models import Invitation, Opportunity, Session, Venue
from coproduce.opportunities.queries.recent import attendance_changed
from coproduce.opportunities.services import session_tallies
from coproduce.people.choices import Status
from coproduce.people.models import AccessNeed, Expert, LivedExperienceArea, Locality, Skill

# Past attendances per expert on the register, on average: a little over ten, since an expert
# picked twice for one session counts once.
ATTENDED_PER_EXPERT = 10.2
PER_SESSION = (3, 9)  # experts attending one past session
SESSIONS_PER_OPPORTUNITY = (1, 10)
YEARS = 3
# The opportunity the benchmark ranks a shortlist for: published, with an upcoming series.
SHORTLIST_TITLE = "Shaping dementia support in Shrewsbury"

# Used only when opportunities.py made no venues.
VENUES = {
    "Shirehall, Committee Room 1": ("Shrewsbury", ["Step-free access", "Hearing loop"]),
    "Telford Community Hub": ("Telford", ["Step-free access", "A quiet room"]),
}
TITLES = {
    Kind.COMMITTEE: ["Quality and safety committee", "Patient experience group"],
    Kind.INTERVIEW_PANEL: ["Interviews for a ward manager", "Interviews for a social worker"],
    Kind.INVESTIGATION: ["Serious incident review"],
    Kind.COMMISSIONING: ["Recommissioning home care", "Carers' support contract"],
    Kind.QUALITY_VISIT: ["Quality visit to a care home", "Enter and view: day services"],
    Kind.TRAINING: ["Training new staff on listening to carers"],
    Kind.WORKSHOP: ["Discharge from hospital workshop", "Easy Read letters workshop"],
    Kind.CO_DESIGN: ["Co-designing the crisis line", "Co-designing the carers' assessment"],
    Kind.CONSULTATION: ["Consultation on day opportunities"],
    Kind.FOCUS_GROUP: ["Focus group on waiting times"],
}


@dataclass
class _Refs:
    teams: list[int]
    staff: list[int]
    venues: list[Venue]
    areas: dict[str, int]
    skills: dict[str, int]


def create(ctx: DemoContext) -> None:
    if Opportunity.objects.filter(title=SHORTLIST_TITLE).exists():
        ctx.say("Involvement history: already there")
        return
    refs = _refs()
    if refs is None:
        return
    experts = list(
        Expert.objects.filter(status__in=[Status.ACTIVE, Status.PAUSED, Status.LEFT])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    opportunities, sessions, attended = _past(ctx, refs, experts)
    upcoming = _upcoming(ctx, refs)
    attendance_changed()  # attendance written in bulk: counts kept in a shared cache are stale
    # Written in bulk, not through the service: each session's tally of attended places and
    # hours is counted once now, for these sessions and the confidential work's before them.
    session_tallies.recount_all()
    ctx.say(
        f"Involvement history: {opportunities:,} past opportunities, {sessions:,} sessions, "
        f"{attended:,} attendances; {upcoming} upcoming invitations"
    )


def _refs() -> _Refs | None:
    teams = list(Team.objects.order_by("pk").values_list("pk", flat=True))
    staff = list(
        User.objects.filter(role__in=[Role.STAFF, Role.COORDINATOR, Role.INVOLVEMENT_LEAD])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not teams or not staff:
        return None
    if not Venue.objects.exists():
        localities = dict(Locality.objects.values_list("name", "pk"))
        needs = dict(AccessNeed.objects.values_list("name", "pk"))
        made = Venue.objects.bulk_create(
            Venue(name=name, address=f"{name}, {place}", locality_id=localities.get(place))
            for name, (place, _) in VENUES.items()
        )
        Venue.meets_needs.through.objects.bulk_create(
            Venue.meets_needs.through(venue_id=v.pk, accessneed_id=needs[n])
            for v in made
            for n in VENUES[v.name][1]
            if n in needs
        )
    return _Refs(
        teams=teams,
        staff=staff,
        venues=list(Venue.objects.filter(active=True).select_related("locality").order_by("pk")),
        areas=dict(LivedExperienceArea.objects.values_list("name", "pk")),
        skills=dict(Skill.objects.values_list("name", "pk")),
    )


def _local(day: datetime, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def _opportunity(ctx: DemoContext, refs: _Refs, **fields) -> Opportunity:
    rng = ctx.rng
    kind = fields.pop("kind", None) or rng.choice(list(TITLES))
    paid = fields.pop("paid", rng.random() < 0.6)
    defaults = {
        "title": rng.choice(TITLES[kind]),
        "description": "Fictional demo work that needed lived experience.",
        "team_id": rng.choice(refs.teams),
        "requested_by_id": rng.choice(refs.staff),
        "kind": kind,
        "stage": rng.choices(list(Stage), [25, 35, 25, 15])[0],
        "rung": rng.choices(list(Rung), [1, 2, 6, 14, 20, 30, 27])[0],
        "format": rng.choices(list(Format), [55, 25, 15, 5])[0],
        "venue": rng.choice(refs.venues),
        "places": rng.randint(2, 10),
        "paid": paid,
        "status": RequestStatus.PUBLISHED,
    }
    return Opportunity(**{**defaults, **fields})


def _past(ctx: DemoContext, refs: _Refs, experts: list[int]) -> tuple[int, int, int]:
    """Past work and who came. Each expert gets a weight from a long-tailed distribution, so
    most attend now and then and a few attend very often."""
    rng, now = ctx.rng, ctx.now
    if not experts:
        return 0, 0, 0
    weights = [min(rng.paretovariate(1.3), 60.0) for _ in experts]
    cumulative = list(accumulate(weights))
    mean = sum(PER_SESSION) / 2
    session_count = max(1, round(ATTENDED_PER_EXPERT * ctx.experts / mean))
    opportunities: list[Opportunity] = []
    plans: list[tuple[int, datetime, datetime]] = []  # (opportunity index, start, end)
    while len(plans) < session_count:
        index = len(opportunities)
        opportunities.append(_opportunity(ctx, refs))
        first = now - timedelta(days=rng.uniform(2, YEARS * 365))
        hour, minute = rng.choice([(10, 0), (10, 0), (13, 30), (14, 0), (18, 0)])
        length = timedelta(minutes=rng.choice([60, 90, 120, 120, 180]))
        gap = timedelta(days=rng.choice([7, 14, 28, 30]))
        for n in range(rng.randint(*SESSIONS_PER_OPPORTUNITY)):
            day = first + gap * n
            if day >= now - timedelta(days=1) or len(plans) >= session_count:
                break
            starts = _local(day, hour, minute)
            plans.append((index, starts, starts + length))
    bulk.insert(Opportunity, opportunities)
    _wanted(ctx, refs, opportunities)
    sessions = [
        Session(
            opportunity_id=opportunities[i].pk,
            starts_at=starts,
            ends_at=ends,
            venue_id=opportunities[i].venue_id,
        )
        for i, starts, ends in plans
    ]
    bulk.insert(Session, sessions)
    invitations = []
    attended = 0
    for session in sessions:
        hours = Decimal((session.ends_at - session.starts_at).seconds) / Decimal(3600)
        answered = session.starts_at - timedelta(days=5)
        chosen = set(rng.choices(experts, cum_weights=cumulative, k=rng.randint(*PER_SESSION)))
        attended += len(chosen)
        invitations += [
            Invitation(
                session_id=session.pk,
                expert_id=expert_id,
                status=InvitationStatus.ACCEPTED,
                attendance=Attendance.ATTENDED,
                hours=hours,
                responded_at=answered,
                # Copied here as the tallies' writer would: it then has nothing to rewrite.
                held_at=session.starts_at,
            )
            for expert_id in chosen
        ]
        # Some said no, or did not come.
        for expert_id in set(rng.choices(experts, k=rng.choice([0, 0, 1, 2]))) - chosen:
            declined = rng.random() < 0.7
            invitations.append(
                Invitation(
                    session_id=session.pk,
                    expert_id=expert_id,
                    status=InvitationStatus.DECLINED if declined else InvitationStatus.ACCEPTED,
                    attendance="" if declined else Attendance.DID_NOT_ATTEND,
                    responded_at=answered,
                )
            )
    bulk.insert(Invitation, invitations)
    return len(opportunities), len(sessions), attended


def _wanted(ctx: DemoContext, refs: _Refs, opportunities: list[Opportunity]) -> None:
    rng = ctx.rng
    area_ids, skill_ids = list(refs.areas.values()), list(refs.skills.values())
    areas, skills = Opportunity.wanted_experience.through, Opportunity.wanted_skills.through
    area_rows, skill_rows = [], []
    for o in opportunities:
        if area_ids:
            for a in set(rng.choices(area_ids, k=rng.randint(1, 2))):
                area_rows.append(areas(opportunity_id=o.pk, livedexperiencearea_id=a))
        if skill_ids:
            for s in set(rng.choices(skill_ids, k=rng.randint(0, 2))):
                skill_rows.append(skills(opportunity_id=o.pk, skill_id=s))
    bulk.insert(areas, area_rows)
    bulk.insert(skills, skill_rows)


def _upcoming(ctx: DemoContext, refs: _Refs) -> int:
    """The shortlist's demo opportunity, and upcoming sessions for the experts who sign in."""
    now = ctx.now
    shrewsbury = next(
        (v for v in refs.venues if v.locality and v.locality.name == "Shrewsbury"),
        refs.venues[0],
    )
    shortlisted = _opportunity(
        ctx,
        refs,
        title=SHORTLIST_TITLE,
        description="Help us decide how dementia support and carers' breaks should work.",
        kind=Kind.CO_DESIGN,
        stage=Stage.PLAN,
        rung=Rung.CO_PRODUCTION,
        format=Format.IN_PERSON,
        venue=shrewsbury,
        places=8,
        paid=True,
    )
    panel = _opportunity(
        ctx,
        refs,
        title="Interviews for a community learning disability nurse",
        kind=Kind.INTERVIEW_PANEL,
        stage=Stage.DO,
        rung=Rung.ENGAGEMENT,
        format=Format.HYBRID,
        places=2,
        paid=True,
    )
    Opportunity.objects.bulk_create([shortlisted, panel])
    areas = Opportunity.wanted_experience.through
    skills = Opportunity.wanted_skills.through
    wanted = [
        (shortlisted, ["Dementia", "Carer of an older person"], ["Co-design workshops"]),
        (panel, ["Learning disability", "Autism"], ["Interview panel"]),
    ]
    areas.objects.bulk_create(
        areas(opportunity_id=o.pk, livedexperiencearea_id=refs.areas[name])
        for o, names, _ in wanted
        for name in names
        if name in refs.areas
    )
    skills.objects.bulk_create(
        skills(opportunity_id=o.pk, skill_id=refs.skills[name])
        for o, _, names in wanted
        for name in names
        if name in refs.skills
    )
    # A weekly series on Tuesday mornings from three weeks ahead; the panel in a fortnight.
    tuesday = now + timedelta(days=21 + (1 - now.weekday()) % 7)
    sessions = [
        Session(
            opportunity_id=shortlisted.pk,
            starts_at=_local(tuesday + timedelta(days=7 * n), 10),
            ends_at=_local(tuesday + timedelta(days=7 * n), 12),
            venue=shrewsbury,
        )
        for n in range(3)
    ]
    interview = now + timedelta(days=14)
    sessions.append(
        Session(
            opportunity_id=panel.pk,
            starts_at=_local(interview, 9, 30),
            ends_at=_local(interview, 13, 0),
            venue=panel.venue,
        )
    )
    Session.objects.bulk_create(sessions)
    # The experts who sign in: one invitation accepted and one waiting for an answer each.
    demo = Expert.objects.filter(user__isnull=False, status=Status.ACTIVE).order_by("pk")
    invitations = []
    for n, expert_id in enumerate(demo.values_list("pk", flat=True)):
        first, second = (sessions[-1], sessions[0]) if n % 2 else (sessions[0], sessions[-1])
        invitations += [
            Invitation(
                session=first,
                expert_id=expert_id,
                status=InvitationStatus.ACCEPTED,
                responded_at=now - timedelta(days=2),
            ),
            Invitation(session=second, expert_id=expert_id, status=InvitationStatus.INVITED),
        ]
    Invitation.objects.bulk_create(invitations)
    return len(invitations)
