"""Building blocks for the dashboard's tests: sessions held on a known day with experts who
attended for known hours, status moves, and involvement claims paid on a known day."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.payments.models import Claim, PaymentRun
from coproduce.people.models import StatusChange
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory

ZONE = timezone.get_default_timezone()


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def held(day: date, *, hours=(), opportunity=None, experts=None, hour: int = 10, **kwargs):
    """A session on `day` with one attended place for each of `hours` (new experts, or
    `experts` in order). Returns the session."""
    work = opportunity or OpportunityFactory(**kwargs)
    session = SessionFactory(
        opportunity=work, starts_at=at(day, hour), ends_at=at(day, hour) + timedelta(hours=2)
    )
    experts = list(experts) if experts is not None else [ExpertFactory() for _ in hours]
    for expert, given in zip(experts, hours, strict=True):
        InvitationFactory(
            session=session,
            expert=expert,
            status="accepted",
            attendance="attended",
            hours=Decimal(str(given)),
        )
    return session


def moved(expert, to_status: str, day: date, from_status: str = "") -> StatusChange:
    return StatusChange.objects.create(
        expert=expert, from_status=from_status, to_status=to_status, at=at(day)
    )


_runs = iter(range(1, 10_000))


def paid_claim(session_day: date, paid_on: date, *, team=None, total="30.00", kind="involvement"):
    """An involvement claim for a new expert's place, paid in a run on `paid_on`."""
    session = held(session_day, hours=[2], **({"team": team} if team else {}))
    place = session.invitations.get()
    run = PaymentRun.objects.create(reference=f"RUN{next(_runs)}", paid_on=paid_on)
    return Claim.objects.create(
        expert=place.expert,
        invitation=place,
        kind=kind,
        status="paid",
        session_date=session_day,
        team=session.opportunity.team,
        total=Decimal(total),
        submitted_at=at(session_day, 16),
        payment_run=run,
        paid_on=paid_on,
    )
