"""Shared records for the members tests: the three kinds of constituency, and a member."""

from datetime import date

from coproduce.membership.members.choices import (
    AreaKind,
    ConstituencyKind,
    JoinedBy,
    MemberStatus,
)
from coproduce.membership.members.models import Constituency, Member


def make_constituencies() -> dict[str, Constituency]:
    return {
        "north": Constituency.objects.create(
            name="Leeds North",
            kind=ConstituencyKind.PUBLIC,
            area_kind=AreaKind.POSTCODE_DISTRICTS,
            areas=["LS6", "LS7"],
            governor_seats=3,
            population=60_000,
        ),
        "council": Constituency.objects.create(
            name="Rest of Yorkshire",
            kind=ConstituencyKind.PUBLIC,
            area_kind=AreaKind.LOCAL_AUTHORITIES,
            areas=["Bradford", "Wakefield"],
            governor_seats=2,
        ),
        "patients": Constituency.objects.create(
            name="Patients and carers", kind=ConstituencyKind.PATIENTS_AND_CARERS
        ),
        "staff": Constituency.objects.create(name="Staff", kind=ConstituencyKind.STAFF),
    }


def make_member(constituency: Constituency, **fields) -> Member:
    values = {
        "full_name": "Mo Member",
        "email": "mo@example.org",
        "address": "1 Street, Leeds",
        "postcode": "LS6 2AB",
        "date_of_birth": date(1970, 5, 1),
        "joined_by": JoinedBy.ONLINE,
        **fields,
    }
    if values.get("status") == MemberStatus.LEFT and "left_at" not in values:
        from django.utils import timezone

        values["left_at"] = timezone.now()
    return Member.objects.create(constituency=constituency, **values)


def join_data(**changes) -> dict:
    """What a person types into the join form."""
    data = {
        "full_name": "Priya Patel",
        "email": "priya@example.org",
        "phone": "",
        "address": "4 Headingley Lane, Leeds",
        "postcode": "ls6 3bb",
        "date_of_birth-day": "14",
        "date_of_birth-month": "2",
        "date_of_birth-year": "1985",
        "join_as": "public",
        "contact": ["email"],
        "wants_news": "yes",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
