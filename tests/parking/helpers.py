"""Vehicles, permits and booked meetings for the parking tests."""

from datetime import date, datetime, time

from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.parking import services
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

DAY = date(2026, 3, 3)


def team_member():
    return UserFactory(role=Role.COORDINATOR)


def vehicle(expert=None, registration="AB12 CDE", **kwargs):
    return services.add_vehicle(
        actor=team_member(), expert=expert or ExpertFactory(), registration=registration, **kwargs
    )


def permit(vehicle_=None, venue=None, valid_from=DAY, valid_to=date(2026, 6, 30)):
    return services.issue_permit(
        actor=team_member(),
        vehicle=vehicle_ or vehicle(),
        venue=venue or VenueFactory(),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def booked(expert, venue, *, day=DAY, hour=10, title="Carers' panel", confidential=False):
    """An accepted place for the expert at a meeting at the venue on the day."""
    starts = timezone.make_aware(datetime.combine(day, time(hour, 0)))
    opportunity = OpportunityFactory(title=title, venue=venue, confidential=confidential)
    session = SessionFactory(opportunity=opportunity, starts_at=starts)
    return InvitationFactory(session=session, expert=expert, status="accepted")
