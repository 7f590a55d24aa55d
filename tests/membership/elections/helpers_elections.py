"""Elections made for tests: a constituency and members, an election at any point of its
timetable, accepted candidates and a poll with codes in hand."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.membership.elections import services, voter_codes
from coproduce.membership.elections.choices import Method, NominationStatus, Status
from coproduce.membership.elections.models import Election, Nomination, Voter, opens_at
from coproduce.membership.members.models import Constituency, Member
from tests.factories import UserFactory

DAY = date(2027, 3, 1)


def at(day_offset: int, hour: int = 12) -> datetime:
    """Noon (or `hour`) on the day this many days after DAY, in the trust's time zone."""
    return opens_at(DAY + timedelta(days=day_offset)) + timedelta(hours=hour)


# The timetable every test election keeps, in days after DAY.
NOMINATIONS = at(3)  # nominations open
AFTER_WITHDRAWALS = at(18)  # nominations and withdrawals closed, poll not yet open
DURING_POLL = at(25)
AFTER_POLL = at(40)


def timetable() -> dict:
    return {
        "notice_published": DAY,
        "nominations_open": DAY,
        "nominations_close": DAY + timedelta(days=14),
        "withdrawals_close": DAY + timedelta(days=16),
        "poll_opens": DAY + timedelta(days=21),
        "poll_closes": DAY + timedelta(days=35),
        "declaration": DAY + timedelta(days=36),
    }


_counter = {"n": 0}


def constituency(name: str = "") -> Constituency:
    _counter["n"] += 1
    return Constituency.objects.create(
        name=name or f"Constituency {_counter['n']}", kind="public", governor_seats=2
    )


def member(
    place: Constituency, full_name: str, *, email: str = "", born=date(1970, 5, 6), left=False
) -> Member:
    return Member.objects.create(
        constituency=place,
        full_name=full_name,
        email=email,
        date_of_birth=born,
        joined_by="online",
        status="left" if left else "member",
        left_at=timezone.now() if left else None,
    )


def officer():
    return UserFactory(role=Role.RETURNING_OFFICER, full_name="Rita Returning")


def election(
    place: Constituency | None = None,
    *,
    seats=1,
    method=Method.FPTP,
    status=Status.NOMINATIONS,
    **extra,
) -> Election:
    return Election.objects.create(
        title=extra.pop("title", "Governors for the test constituency"),
        constituency=place or constituency(),
        seats=seats,
        method=method,
        status=status,
        **{**timetable(), **extra},
    )


def candidate(
    election: Election, full_name: str, *, status=NominationStatus.ACCEPTED
) -> Nomination:
    return Nomination.objects.create(
        election=election,
        member=member(election.constituency, full_name),
        statement=f"I am {full_name} and I will listen.",
        declares_eligible=True,
        status=status,
    )


def poll(*, names=("Ann Able", "Ben Baker", "Cat Cole"), voters=3, seats=1, method=Method.FPTP):
    """An election in its poll: the candidates accepted, nominations closed through the service
    (so the voters are frozen) and a code issued to each voter. Returns (election, candidates,
    codes)."""
    place = constituency()
    e = election(place, seats=seats, method=method)
    standing = [candidate(e, name) for name in names]
    for n in range(voters):
        member(place, f"Voter {n}", email=f"voter{n}@example.org")
    e = services.close_nominations(actor=officer(), election=e, now=AFTER_WITHDRAWALS)
    codes = [voter_codes.issue_code(v) for v in Voter.objects.filter(election=e).order_by("pk")]
    return e, standing, codes
