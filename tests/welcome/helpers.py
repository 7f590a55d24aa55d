"""A small organisation for the welcome pack tests: a team with a panel that meets monthly, a
place with parking, an open workshop, a confidential investigation, the payment policy and a
support sheet for experts."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from coproduce.onboarding.models import SupportSheet
from coproduce.people.models import AccessNeed
from tests.factories import (
    GroupFactory,
    OpportunityFactory,
    OrganisationFactory,
    SessionFactory,
    TeamFactory,
    VenueFactory,
)
from tests.payments.helpers import make_policy

HIDDEN_TITLE = "Investigation into the death on Ward 9"


@dataclass
class World:
    panel: object
    venue: object
    workshop: object
    investigation: object
    sheet: SupportSheet


def world(*, panel_meetings: int = 3) -> World:
    organisation = OrganisationFactory(name="Shropshire Council")
    team = TeamFactory(name="Adult Social Care", organisation=organisation)
    panel = GroupFactory(name="Carers' Expert Panel", team=team)
    venue = VenueFactory(
        name="Shirehall", parking="Free parking in the visitors' car park, bays 1 to 20."
    )
    series = OpportunityFactory(title="Carers' panel meeting", team=team, group=panel, venue=venue)
    soon = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    for month in range(panel_meetings):
        SessionFactory(opportunity=series, starts_at=soon + timedelta(days=10 + 30 * month))
    workshop = OpportunityFactory(title="Designing the new carers' café", team=team, venue=venue)
    SessionFactory(opportunity=workshop, starts_at=soon + timedelta(days=20))
    investigation = OpportunityFactory(title=HIDDEN_TITLE, team=team, venue=venue)
    investigation.confidential = True
    investigation.save()
    SessionFactory(opportunity=investigation, starts_at=soon + timedelta(days=5))
    make_policy()
    sheet = SupportSheet.objects.create(
        title="What taking part involves",
        audience=SupportSheet.Audience.EXPERTS,
        summary="What happens at a meeting.",
        body="## Before\nWe send papers a week before.",
    )
    return World(panel, venue, workshop, investigation, sheet)


def needs(expert, *names: str) -> None:
    expert.access_needs.set([AccessNeed.objects.get_or_create(name=name)[0] for name in names])
