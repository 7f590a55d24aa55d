"""Demo data for governor elections: one past election, counted by the single transferable
vote and declared, with its ballots (about 40% of the constituency voted); and one taking
nominations now, with two nominations waiting for the returning officer. Uses the members the
members part made; without any, a small constituency of demo members of its own. Fast: bulk
creates, nothing audited (demo data is nobody's change). Ballots are made apart from the
"has voted" rows and in no order, as the real ones are."""

from datetime import date, timedelta

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.demo.context import DemoContext
from coproduce.membership.elections import results
from coproduce.membership.elections.choices import (
    Channel,
    Delivery,
    Method,
    NominationStatus,
    Status,
)
from coproduce.membership.elections.models import (
    Ballot,
    Election,
    HasVoted,
    Nomination,
    Result,
    Voter,
)
from coproduce.membership.members.choices import ConstituencyKind, JoinedBy, MemberStatus
from coproduce.membership.members.models import Constituency, Member

TURNOUT = 0.4
STATEMENTS = [
    "I have used the trust's mental health services for ten years. I want every patient to be "
    "heard the first time they ask.",
    "As a carer for my mother, I know how hard it is to find your way round the hospital. I "
    "will push for clear signs, kind words and shorter waits.",
    "I worked as a nurse for thirty years. As a governor I will hold the board to account for "
    "safe staffing.",
    "I am a student and a volunteer. Young people's views should shape our services too.",
    "I will listen to members across the constituency and take your questions to the board.",
    "Good food, clean wards and fair parking charges: the things patients tell me matter.",
]


def _constituency(ctx: DemoContext) -> tuple[Constituency, list[Member]]:
    place = (
        Constituency.objects.filter(members__status=MemberStatus.MEMBER)
        .order_by("order", "pk")
        .first()
    )
    if place is None:
        place = Constituency.objects.create(
            name="Public: Demo district", kind=ConstituencyKind.PUBLIC, governor_seats=2
        )
        Member.objects.bulk_create(
            Member(
                constituency=place,
                full_name=ctx.faker.name(),
                email=f"demo.member{n}@example.org" if n % 4 else "",
                date_of_birth=date(1940 + n % 60, 1 + n % 12, 1 + n % 28),
                joined_by=JoinedBy.ONLINE,
            )
            for n in range(120)
        )
    return place, list(Member.objects.filter(constituency=place, status=MemberStatus.MEMBER))


def _timetable(start: date) -> dict:
    return {
        "notice_published": start,
        "nominations_open": start,
        "nominations_close": start + timedelta(days=14),
        "withdrawals_close": start + timedelta(days=16),
        "poll_opens": start + timedelta(days=21),
        "poll_closes": start + timedelta(days=42),
        "declaration": start + timedelta(days=43),
    }


# A fictional returning officer: an @example.org address and a number in Ofcom's drama range.
OFFICER_CONTACT = {
    "officer_name": "Independent Election Services",
    "officer_email": "elections@example.org",
    "officer_phone": "01632 960 418",
}


def _past(ctx: DemoContext, place: Constituency, members: list[Member], officer) -> Election:
    today = ctx.now.date()
    election = Election.objects.create(
        title=f"Governors for {place.name}, {today.year - 1}",
        constituency=place,
        seats=2,
        method=Method.STV,
        status=Status.DECLARED,
        voters_frozen_at=ctx.now - timedelta(days=120),
        **_timetable(today - timedelta(days=140)),
        **OFFICER_CONTACT,
    )
    standing = ctx.rng.sample(members, min(5, len(members)))
    nominations = Nomination.objects.bulk_create(
        Nomination(
            election=election,
            member=member,
            statement=STATEMENTS[n % len(STATEMENTS)],
            declares_eligible=True,
            status=NominationStatus.ACCEPTED,
            decided_by=officer,
            decided_at=ctx.now - timedelta(days=125),
            submitted_at=ctx.now - timedelta(days=130),
        )
        for n, member in enumerate(standing)
    )
    voters = Voter.objects.bulk_create(
        Voter(
            election=election,
            member=member,
            delivery=Delivery.EMAIL if member.email else Delivery.POST,
            code_hash="",
        )
        for member in members
    )
    voted = ctx.rng.sample(voters, int(len(voters) * TURNOUT))
    HasVoted.objects.bulk_create(HasVoted(voter=voter) for voter in voted)
    # Popularity differs, so the count has surpluses and exclusions to show.
    ids = [n.pk for n in nominations]
    weights = [5, 3, 2, 1.5, 1][: len(ids)]
    ballots = []
    for _ in voted:
        length = ctx.rng.randint(1, len(ids))
        preferences = ctx.pick(ids, weights, length)
        ballots.append(
            Ballot(
                election=election,
                preferences=preferences,
                channel=Channel.PAPER if ctx.rng.random() < 0.15 else Channel.ONLINE,
            )
        )
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    seed = ctx.rng.getrandbits(63)
    counted = results.count(election, results.stored_ballots(election), lot_seed=seed)
    Result.objects.create(
        election=election,
        sheet=counted.sheet,
        elected=counted.elected_names,
        elected_nominations=list(counted.elected),
        lot_seed=str(seed),
        counted_by=officer,
        counted_at=ctx.now - timedelta(days=98),
        declared_at=ctx.now - timedelta(days=97),
    )
    return election


def _open(ctx: DemoContext, place: Constituency, members: list[Member]) -> Election:
    today = ctx.now.date()
    election = Election.objects.create(
        title=f"Governors for {place.name}, {today.year}",
        constituency=place,
        seats=1,
        method=Method.FPTP,
        status=Status.NOMINATIONS,
        **_timetable(today - timedelta(days=5)),
        **OFFICER_CONTACT,
    )
    for n, member in enumerate(ctx.rng.sample(members, min(2, len(members)))):
        Nomination.objects.create(
            election=election,
            member=member,
            statement=STATEMENTS[-1 - n],
            declares_eligible=True,
            submitted_at=ctx.now - timedelta(days=2 - n),
        )
    return election


def create(ctx: DemoContext) -> None:
    if Election.objects.exists():
        ctx.say("Elections: already there")
        return
    place, members = _constituency(ctx)
    officer = User.objects.filter(role=Role.RETURNING_OFFICER).first()
    past = _past(ctx, place, members, officer)
    _open(ctx, place, members)
    ctx.say(f"Elections: one declared ({past.ballots.count():,} ballots), one taking nominations")
