"""Demo data for co-production declarations: a handful of programmes' declarations in different
states (a draft, some waiting for the board, one agreed, one agreed with follow-ups, one that
needs more work), written by the demo staff member and colleagues, and two meetings of the
Co-production Board that reviewed them, one follow-up done and one overdue. Runs after
accounts and opportunities. Fast: a few queries, rows in bulk, nothing audited (demo data is
nobody's change)."""

from dataclasses import dataclass
from datetime import timedelta

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.demo import accounts
from coproduce.demo.context import DemoContext
from coproduce.impact.declarations.models import (
    BoardMeeting,
    Declaration,
    Entry,
    FollowUp,
    Review,
    Status,
)
from coproduce.opportunities.choices import GroupKind, Rung, Stage
from coproduce.opportunities.models import Group, Opportunity


@dataclass(frozen=True)
class Place:
    where: str
    days_ago: int  # negative: planned, in the future
    stage: str
    rung: int
    with_whom: str
    effect: str


@dataclass(frozen=True)
class Programme:
    name: str
    team: tuple[str, str]
    description: str
    status: str
    places: list[Place]
    comments: str = ""
    follow_ups: tuple[tuple[str, str, int, bool], ...] = ()  # what, who, due (days), done


TRUST, COUNCIL = accounts.TRUST, accounts.COUNCIL

PROGRAMMES = [
    Programme(
        "Carers' assessment redesign",
        (COUNCIL, "Adult Social Care"),
        "A new carers' assessment, shorter and done with carers rather than to them.",
        Status.FOLLOW_UPS,
        [
            Place(
                "Workshops to rewrite the carers' assessment form",
                120,
                Stage.PLAN,
                Rung.CO_DESIGN,
                "Carers of older people and of adults with a learning disability",
                "The form went from 24 pages to 8, and carers now choose where it happens.",
            ),
            Place(
                "Carers on the panel that chose the new provider",
                60,
                Stage.DO,
                Rung.CO_PRODUCTION,
                "Two carers from Carers' Voice Shropshire",
                "Continuity of care worker became a scored part of the tender.",
            ),
        ],
        comments="A strong example of carers sharing the decisions. The board would like to "
        "hear how carers were told what changed.",
        follow_ups=(
            (
                "Write to every carer who took part to say what changed",
                accounts.STAFF[3].full_name,
                -20,
                True,
            ),
            (
                "Bring the first three months' feedback to the board",
                accounts.STAFF[3].full_name,
                -5,
                False,
            ),
        ),
    ),
    Programme(
        "Community mental health transformation",
        (TRUST, "Community Mental Health"),
        "Joining up community mental health care with GPs and the voluntary sector.",
        Status.AGREED,
        [
            Place(
                "Designing the new crisis line with people who have used it",
                150,
                Stage.ANALYSE,
                Rung.CO_PRODUCTION,
                "People who have used the crisis line, and peer support workers",
                "The line answers within two rings and a peer worker is on every shift.",
            ),
        ],
        comments="Agreed. A model for other programmes.",
    ),
    Programme(
        "Learning disability annual health checks",
        (TRUST, "Learning Disability Service"),
        "More people with a learning disability having their annual health check.",
        Status.NEEDS_WORK,
        [
            Place(
                "A survey of people who missed their health check",
                90,
                Stage.REVIEW,
                Rung.CONSULTATION,
                "People with a learning disability and their families",
                "We learned that letters were hard to read.",
            ),
        ],
        comments="This reads as consultation rather than co-production. What did people "
        "with a learning disability decide, and what changed?",
    ),
    Programme(
        "Patient safety incident response",
        (TRUST, "Patient Safety and Investigations"),
        "Bringing families and experts into how the trust learns from incidents.",
        Status.WAITING,
        [
            Place(
                "Families helping to write the new family liaison guide",
                30,
                Stage.PLAN,
                Rung.CO_DESIGN,
                "Families who have been through an investigation",
                "Each family now has a named contact from the first week.",
            ),
            Place(
                "Experts by Experience on the patient safety group",
                -45,
                Stage.DO,
                Rung.ENGAGEMENT,
                "Two members of the Experts by Experience Panel",
                "We hope experts will shape which themes the trust looks at first.",
            ),
        ],
    ),
    Programme(
        "Children's short breaks",
        (COUNCIL, "Children's Services"),
        "Short breaks for disabled children and their families.",
        Status.WAITING,
        [
            Place(
                "Young people choosing the activities for summer",
                -60,
                Stage.PLAN,
                Rung.CO_PRODUCTION,
                "Disabled young people aged 12 to 18, and their parents",
                "We hope more young people will come because they chose what is on offer.",
            ),
        ],
    ),
    Programme(
        "Recruitment with lived experience",
        (TRUST, "Recruitment"),
        "Experts on every interview panel for staff who work with patients.",
        Status.DRAFT,
        [
            Place(
                "Experts writing an interview question for ward managers",
                20,
                Stage.DO,
                Rung.CO_DESIGN,
                "Members of the Experts by Experience Panel",
                "Every ward manager interview now asks how candidates would listen to patients.",
            ),
        ],
    ),
]


def create(ctx: DemoContext) -> None:
    if Declaration.objects.exists():
        ctx.say("Declarations: already there")
        return
    teams = {(t.organisation.name, t.name): t for t in Team.objects.select_related("organisation")}
    staff = list(User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk"))
    demo_staff = next((u for u in staff if u.email == accounts.STAFF[3].email), None)
    coordinator = User.objects.filter(email=accounts.COORDINATOR_EMAIL).first()
    board = Group.objects.filter(kind=GroupKind.COPRODUCTION_BOARD).order_by("pk").first()
    if not teams or demo_staff is None:
        ctx.say("Declarations: no demo staff to write them")
        return
    today = ctx.now.date()

    def owner_for(team: Team) -> User:
        if demo_staff.team_id == team.pk:
            return demo_staff
        return next((u for u in staff if u.team_id == team.pk), demo_staff)

    made: list[tuple[Programme, Declaration]] = []
    for n, programme in enumerate(PROGRAMMES):
        team = teams.get(programme.team) or next(iter(teams.values()))
        submitted = None
        if programme.status != Status.DRAFT:
            submitted = ctx.now - timedelta(days=40 - n * 3)
        made.append(
            (
                programme,
                Declaration(
                    name=programme.name,
                    team=team,
                    description=programme.description,
                    owner=owner_for(team),
                    written_by=owner_for(team),
                    status=programme.status,
                    submitted_at=submitted,
                ),
            )
        )
    Declaration.objects.bulk_create([d for _, d in made])

    entries = [
        Entry(
            declaration=d,
            where=p.where,
            happened=p.days_ago > 0,
            on=today - timedelta(days=p.days_ago),
            stage=p.stage,
            rung=p.rung,
            with_whom=p.with_whom,
            effect=p.effect,
        )
        for programme, d in made
        for p in programme.places
    ]
    Entry.objects.bulk_create(entries)
    if board is not None:
        Through = Entry.groups.through
        Through.objects.bulk_create(
            Through(entry_id=e.pk, group_id=board.pk) for e in entries if e.rung >= Rung.CO_DESIGN
        )
    work = list(Opportunity.objects.filter(confidential=False).order_by("pk")[:3])
    if work:
        Linked = Entry.opportunities.through
        Linked.objects.bulk_create(
            Linked(entry_id=e.pk, opportunity_id=work[i % len(work)].pk)
            for i, e in enumerate(entries[:3])
        )

    earlier = BoardMeeting.objects.create(
        held_on=today - timedelta(days=28), group=board, created_by=coordinator
    )
    BoardMeeting.objects.create(
        held_on=today + timedelta(days=14), group=board, created_by=coordinator
    )
    reviews, follow_ups = [], []
    for programme, d in made:
        if programme.status not in {Status.AGREED, Status.FOLLOW_UPS, Status.NEEDS_WORK}:
            continue
        review = Review(
            declaration=d,
            meeting=earlier,
            decision=programme.status,
            comments=programme.comments,
            reviewed_by=coordinator,
            reviewed_at=ctx.now - timedelta(days=28),
        )
        reviews.append(review)
        for what, who, due, done in programme.follow_ups:
            follow_ups.append(
                FollowUp(
                    review=review,
                    declaration=d,
                    what=what,
                    who=who,
                    due_on=today + timedelta(days=due),
                    done_at=ctx.now - timedelta(days=25) if done else None,
                    done_by=d.owner if done else None,
                )
            )
    Review.objects.bulk_create(reviews)
    FollowUp.objects.bulk_create(follow_ups)
    ctx.say(
        f"Declarations: {len(made)} declarations, {len(entries)} entries, "
        f"{len(reviews)} reviewed by the board, {len(follow_ups)} follow-ups"
    )
