"""Ambitions and work with sessions held and experts who attended, for the ambitions tests."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from coproduce.impact.ambitions.models import Ambition, AmbitionLink
from tests.factories import InvitationFactory, SessionFactory


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def ambition(title: str = "Experts are involved before decisions are made", **kwargs) -> Ambition:
    fields = {
        "meaning": "People who use services help shape them from the start.",
        "judged_by": "The work linked to it is at the planning stage.",
        "position": Ambition.objects.count() + 1,
    }
    fields.update(kwargs)
    return Ambition.objects.create(title=title, **fields)


def link(one: Ambition, *works) -> None:
    for work in works:
        AmbitionLink.objects.create(ambition=one, opportunity=work)


def session(work, starts: datetime, attended=(), *, status: str = "scheduled", missed=()):
    """A two-hour session of `work`: each of `attended` is (expert, hours); `missed` experts
    did not attend."""
    held = SessionFactory(
        opportunity=work,
        starts_at=starts,
        ends_at=starts.replace(hour=starts.hour + 2),
        status=status,
    )
    for expert, hours in attended:
        InvitationFactory(
            session=held,
            expert=expert,
            status="accepted",
            attendance="attended",
            hours=Decimal(hours),
        )
    for expert in missed:
        InvitationFactory(
            session=held, expert=expert, status="accepted", attendance="did_not_attend"
        )
    return held
