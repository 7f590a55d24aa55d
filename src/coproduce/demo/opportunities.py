"""Demo data for opportunities: venues with their access and parking, standing groups with
members, and about twenty requests and opportunities in every status, with sessions in the
past and the future. Small and quick; the invitations and attendance history the benchmark
needs is added by history.py, called last.

As with the register, no audit record is written: demo data is nobody's change."""

from datetime import date, time, timedelta

from django.db.models import Q
from django.utils import timezone

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.demo import confidential, history
from coproduce.demo.accounts import COORDINATOR_EMAIL, STAFF
from coproduce.demo.context import DemoContext
from coproduce.opportunities.choices import (
    Format,
    GroupKind,
    Kind,
    RequestStatus,
    Rung,
    SessionStatus,
    Stage,
)
from coproduce.opportunities.models import Group, Membership, Opportunity, Session, Venue
from coproduce.opportunities.services.sessions import Repeat, plan_sessions
from coproduce.people.choices import Status
from coproduce.people.models import AccessNeed, Expert, LivedExperienceArea, Locality, Skill

VENUES = [
    (
        "Shirehall, Committee Room 2",
        "Abbey Foregate, Shrewsbury",
        "SY2 6ND",
        "Shrewsbury",
        ["Step-free access", "Hearing loop", "A quiet room"],
        "Blue badge bays by the main entrance; pay and display opposite.",
    ),
    (
        "Princess Royal Hospital, Education Centre",
        "Apley Castle, Telford",
        "TF1 6TF",
        "Telford",
        ["Step-free access", "Hearing loop"],
        "Free parking for experts in car park B: ask at reception for a permit.",
    ),
    (
        "Oswestry Community Hub",
        "Oswald Road, Oswestry",
        "SY11 1RE",
        "Oswestry",
        ["Step-free access", "Regular breaks"],
        "Free car park behind the building.",
    ),
    (
        "Ludlow Library meeting room",
        "7-9 Parkway, Ludlow",
        "SY8 2PG",
        "Ludlow",
        [],
        "On-street parking only. The room is up one flight of stairs.",
    ),
]
GROUPS = [
    ("Experts by Experience Panel", GroupKind.EXPERT_PANEL, 12),
    ("Co-production Board", GroupKind.COPRODUCTION_BOARD, 8),
    ("Dementia Services Delivery Group", GroupKind.DELIVERY_GROUP, 6),
    ("Carers' Voice Shropshire", GroupKind.USER_LED, 7),
]
# title, kind, stage, rung, status, format, places, staff, paid, days from today, repeat, count
WORK = [
    (
        "Redesigning the carers' assessment",
        Kind.CO_DESIGN,
        Stage.PLAN,
        Rung.CO_DESIGN,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        6,
        3,
        True,
        10,
        Repeat.FORTNIGHTLY,
        4,
    ),
    (
        "Interview panel: Head of Mental Health Services",
        Kind.INTERVIEW_PANEL,
        Stage.DO,
        Rung.ENGAGEMENT,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        2,
        3,
        True,
        21,
        Repeat.NONE,
        1,
    ),
    (
        "Serious incident review: discharge planning",
        Kind.INVESTIGATION,
        Stage.ANALYSE,
        Rung.CO_PRODUCTION,
        RequestStatus.PUBLISHED,
        Format.HYBRID,
        2,
        2,
        True,
        7,
        Repeat.WEEKLY,
        3,
    ),
    (
        "Quality visit: Ward 22",
        Kind.QUALITY_VISIT,
        Stage.REVIEW,
        Rung.CONSULTATION,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        2,
        1,
        True,
        -20,
        Repeat.NONE,
        1,
    ),
    (
        "Commissioning day opportunities for autistic adults",
        Kind.COMMISSIONING,
        Stage.ANALYSE,
        Rung.CO_PRODUCTION,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        5,
        4,
        True,
        -40,
        Repeat.MONTHLY_WEEKDAY,
        6,
    ),
    (
        "Training new reablement staff",
        Kind.TRAINING,
        Stage.DO,
        Rung.CO_DESIGN,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        3,
        2,
        True,
        -60,
        Repeat.MONTHLY_DATE,
        5,
    ),
    (
        "Easy read leaflet on hospital discharge",
        Kind.CONSULTATION,
        Stage.PLAN,
        Rung.CONSULTATION,
        RequestStatus.PUBLISHED,
        Format.WRITTEN,
        8,
        1,
        False,
        14,
        Repeat.NONE,
        1,
    ),
    (
        "Focus group: mental health crisis line",
        Kind.FOCUS_GROUP,
        Stage.ANALYSE,
        Rung.CONSULTATION,
        RequestStatus.PUBLISHED,
        Format.ONLINE,
        8,
        2,
        True,
        -5,
        Repeat.NONE,
        1,
    ),
    (
        "Workshop: a new front door for adult social care",
        Kind.WORKSHOP,
        Stage.PLAN,
        Rung.CO_DESIGN,
        RequestStatus.APPROVED,
        Format.IN_PERSON,
        6,
        3,
        True,
        30,
        Repeat.NONE,
        1,
    ),
    (
        "Patient experience committee",
        Kind.COMMITTEE,
        Stage.REVIEW,
        Rung.INFORMING,
        RequestStatus.APPROVED,
        Format.HYBRID,
        1,
        9,
        False,
        35,
        Repeat.MONTHLY_WEEKDAY,
        6,
    ),
    (
        "Stroke rehabilitation pathway",
        Kind.CO_DESIGN,
        Stage.ANALYSE,
        Rung.CO_PRODUCTION,
        RequestStatus.REQUESTED,
        Format.IN_PERSON,
        4,
        2,
        True,
        28,
        Repeat.FORTNIGHTLY,
        3,
    ),
    (
        "Website review: finding a GP",
        Kind.CONSULTATION,
        Stage.REVIEW,
        Rung.INFORMING,
        RequestStatus.REQUESTED,
        Format.ONLINE,
        1,
        4,
        False,
        18,
        Repeat.NONE,
        1,
    ),
    (
        "Maternity voices: birth choices",
        Kind.FOCUS_GROUP,
        Stage.PLAN,
        Rung.ENGAGEMENT,
        RequestStatus.REQUESTED,
        Format.IN_PERSON,
        6,
        2,
        True,
        25,
        Repeat.NONE,
        1,
    ),
    (
        "Hospital food tasting panel",
        Kind.QUALITY_VISIT,
        Stage.DO,
        Rung.CONSULTATION,
        RequestStatus.CHANGES_REQUESTED,
        Format.IN_PERSON,
        3,
        2,
        False,
        40,
        Repeat.NONE,
        1,
    ),
    (
        "Board papers: annual plan",
        Kind.COMMITTEE,
        Stage.REVIEW,
        Rung.EDUCATING,
        RequestStatus.DECLINED,
        Format.WRITTEN,
        1,
        12,
        False,
        20,
        Repeat.NONE,
        1,
    ),
    (
        "Young carers' drop-in redesign",
        Kind.WORKSHOP,
        Stage.PLAN,
        Rung.CO_DESIGN,
        RequestStatus.CANCELLED,
        Format.IN_PERSON,
        4,
        2,
        True,
        15,
        Repeat.NONE,
        1,
    ),
    (
        "Interview panel: ward manager, Ward 9",
        Kind.INTERVIEW_PANEL,
        Stage.DO,
        Rung.ENGAGEMENT,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        2,
        2,
        True,
        -90,
        Repeat.NONE,
        1,
    ),
    (
        "Learning disability annual health checks",
        Kind.CO_DESIGN,
        Stage.ANALYSE,
        Rung.CO_PRODUCTION,
        RequestStatus.PUBLISHED,
        Format.IN_PERSON,
        5,
        2,
        True,
        -120,
        Repeat.MONTHLY_DATE,
        8,
    ),
]
NOTES = {
    RequestStatus.CHANGES_REQUESTED: "Please say how many staff will be there, and whether "
    "the tasting can happen before the menu is chosen rather than after.",
    RequestStatus.DECLINED: "The annual plan has been agreed. Please ask us at the start of "
    "next year's planning instead, so experts can shape it.",
    RequestStatus.APPROVED: "Approved: we will find experts with the right experience.",
}
GROUP_SERIES_COUNT = 10


def create(ctx: DemoContext) -> None:
    if Opportunity.objects.filter(title=WORK[0][0]).exists():
        ctx.say("Opportunities: already there")
        history.create(ctx)
        return
    venues = _venues()
    teams = list(Team.objects.order_by("id"))
    if not teams:
        return
    staff = _requesters(teams)
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first() or staff[0]
    experts = list(
        Expert.objects.filter(status=Status.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)[:400]
    )
    groups = _groups(ctx, teams, experts)
    areas = list(LivedExperienceArea.objects.filter(active=True).values_list("id", flat=True))
    skills = list(Skill.objects.filter(active=True).values_list("id", flat=True))
    today = timezone.localdate()
    made, sessions = [], []
    for n, row in enumerate(WORK):
        title, kind, stage, rung, status, fmt, places, staff_n, paid, days, repeat, count = row
        requester = staff[n % len(staff)]
        opportunity = Opportunity.objects.create(
            title=title,
            description=f"{title}. We want people with lived experience to shape this work "
            "from the start, and will share what changed because of it.",
            team=requester.team or teams[0],
            requested_by=requester,
            kind=kind,
            stage=stage,
            rung=rung,
            format=fmt,
            venue=None if fmt in {Format.ONLINE, Format.WRITTEN} else venues[n % len(venues)],
            online_details="Microsoft Teams: we send the link the day before."
            if fmt in {Format.ONLINE, Format.HYBRID}
            else "",
            places=places,
            staff_expected=staff_n,
            paid=paid,
            prerequisites=["confidentiality"] if kind == Kind.INVESTIGATION else [],
            status=status,
            decision_note=NOTES.get(status, ""),
            decided_by=coordinator if status not in {RequestStatus.REQUESTED} else None,
            decided_at=ctx.now if status != RequestStatus.REQUESTED else None,
        )
        opportunity.wanted_experience.set(ctx.rng.sample(areas, min(2, len(areas))))
        opportunity.wanted_skills.set(ctx.rng.sample(skills, min(1, len(skills))))
        made.append(opportunity)
        sessions += _sessions(opportunity, today + timedelta(days=days), repeat, count, n)
    for i, group in enumerate(groups):
        series = Opportunity.objects.create(
            title=f"{group.name} meetings",
            description=f"The regular meetings of the {group.name}.",
            team=group.team or teams[0],
            requested_by=coordinator,
            kind=Kind.COMMITTEE,
            stage=Stage.PLAN,
            rung=Rung.CO_PRODUCTION,
            format=Format.HYBRID,
            venue=venues[i % len(venues)],
            online_details="Join on Microsoft Teams if you cannot come in person.",
            places=max(group.memberships.count(), 2),
            staff_expected=2,
            paid=True,
            status=RequestStatus.PUBLISHED,
            group=group,
        )
        # A year of monthly meetings: the first Tuesday (or another weekday), half gone by.
        first = _nth_weekday(today - timedelta(days=180), weekday=1 + i % 3, n=1 + i % 2)
        sessions += _sessions(series, first, Repeat.MONTHLY_WEEKDAY, GROUP_SERIES_COUNT, i)
    Session.objects.bulk_create(sessions)
    # The serious incident review is confidential work, with its papers and check-ins.
    for opportunity in made:
        if opportunity.kind == Kind.INVESTIGATION:
            confidential.make_review_confidential(ctx, opportunity, coordinator)
    ctx.say(
        f"Opportunities: {len(venues)} venues, {len(groups)} groups, "
        f"{len(made) + len(groups)} opportunities, {len(sessions)} sessions"
    )
    history.create(ctx)


def _venues() -> list[Venue]:
    needs = dict(AccessNeed.objects.values_list("name", "id"))
    localities = dict(Locality.objects.values_list("name", "id"))
    made = []
    for name, address, postcode, locality, met, parking in VENUES:
        venue, created = Venue.objects.get_or_create(
            name=name,
            defaults={
                "address": address,
                "postcode": postcode,
                "locality_id": localities.get(locality),
                "parking": parking,
                "accessibility": "Accessible toilets on the ground floor."
                if "Step-free access" in met
                else "No lift: the room is upstairs.",
            },
        )
        if created:
            venue.meets_needs.set([needs[n] for n in met if n in needs])
        made.append(venue)
    return made


def _requesters(teams: list[Team]) -> list[User]:
    """Staff who ask for involvement: the demo staff member first, then colleagues."""
    demo_staff = [s.email for s in STAFF if s.role == Role.STAFF]
    staff = list(
        User.objects.filter(Q(role=Role.STAFF) & Q(team__isnull=False))
        .select_related("team")
        .order_by("id")[:6]
    )
    staff.sort(key=lambda u: u.email not in demo_staff)
    return staff or list(User.objects.filter(role=Role.COORDINATOR)[:1])


def _groups(ctx: DemoContext, teams: list[Team], experts: list[int]) -> list[Group]:
    groups, memberships = [], []
    pool = list(experts)
    ctx.rng.shuffle(pool)
    joined = date(ctx.now.year - 1, 4, 1)
    for i, (name, kind, size) in enumerate(GROUPS):
        group, created = Group.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "team": teams[i % len(teams)],
                "description": f"The {name} meets monthly to shape services together.",
            },
        )
        groups.append(group)
        if not created:
            continue
        members, pool = pool[:size], pool[size:]
        for j, expert_id in enumerate(members):
            memberships.append(
                Membership(
                    group=group,
                    expert_id=expert_id,
                    role="Chair" if j == 0 else ("Vice-chair" if j == 1 else ""),
                    joined_on=joined + timedelta(days=30 * (j % 6)),
                    left_on=joined + timedelta(days=200) if j == size - 1 else None,
                )
            )
    Membership.objects.bulk_create(memberships)
    return groups


def _sessions(
    opportunity: Opportunity, first: date, repeat: str, count: int, n: int
) -> list[Session]:
    start = time(10 if n % 2 == 0 else 14, 0)
    end = time(12 if n % 2 == 0 else 16, 0)
    planned = plan_sessions(day=first, starts=start, ends=end, repeat=repeat, count=count)
    now = timezone.now()
    return [
        Session(
            opportunity=opportunity,
            starts_at=p.starts_at,
            ends_at=p.ends_at,
            venue=opportunity.venue,
            papers="Papers are sent a week before." if p.starts_at > now else "",
            status=SessionStatus.CANCELLED
            if opportunity.status == RequestStatus.CANCELLED
            else SessionStatus.SCHEDULED,
        )
        for p in planned
    ]


def _nth_weekday(near: date, *, weekday: int, n: int) -> date:
    first = near.replace(day=1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))
