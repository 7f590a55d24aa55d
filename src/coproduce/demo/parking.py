"""Demo data: vehicles for some of the experts booked at upcoming meetings, a few with blue
badges, and permits for some of them, so each site's car-park list has people on it. Nothing
audited (demo data is nobody's change); made in bulk, so demo_data stays quick."""

import string
from datetime import timedelta

from coproduce.demo.context import DemoContext
from coproduce.opportunities.choices import InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation
from coproduce.parking.models import Permit, Vehicle
from coproduce.people.choices import Status
from coproduce.people.models import Expert

MAKES = ["Ford Fiesta", "Vauxhall Corsa", "Toyota Yaris", "Nissan Qashqai", "Kia Picanto"]
COLOURS = ["Blue", "Silver", "Black", "Red", "White", "Grey"]
MOST_DRIVERS = 400


def _plate(ctx: DemoContext) -> str:
    letters = string.ascii_uppercase
    return (
        "".join(ctx.rng.choice(letters) for _ in range(2))
        + f"{ctx.rng.randint(10, 73):02d} "
        + "".join(ctx.rng.choice(letters) for _ in range(3))
    )


def create(ctx: DemoContext) -> None:
    today = ctx.now.date()
    booked = (
        Invitation.objects.filter(
            status=InvitationStatus.ACCEPTED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=ctx.now,
            session__starts_at__lt=ctx.now + timedelta(days=60),
            expert__erased_at__isnull=True,
        )
        .exclude(session__venue__isnull=True, session__opportunity__venue__isnull=True)
        .values_list("expert_id", "session__venue_id", "session__opportunity__venue_id")
        .order_by("session__starts_at", "id")
    )
    site_of: dict[int, int] = {}
    for expert_id, venue_id, opportunity_venue_id in booked:
        site_of.setdefault(expert_id, venue_id or opportunity_venue_id)
    drivers = [e for e in site_of if ctx.rng.random() < 0.8]
    # And some of the other active experts, who drive when they come.
    others = Expert.objects.filter(status=Status.ACTIVE, erased_at__isnull=True)
    drivers += [
        e
        for e in others.exclude(pk__in=drivers).order_by("pk").values_list("pk", flat=True)
        if ctx.rng.random() < 0.1
    ]
    drivers = drivers[:MOST_DRIVERS]
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(
            expert_id=expert_id,
            registration=_plate(ctx),
            make=ctx.rng.choice(MAKES),
            colour=ctx.rng.choice(COLOURS),
            blue_badge=ctx.rng.random() < 0.15,
        )
        for expert_id in drivers
    )
    Permit.objects.bulk_create(
        Permit(
            expert_id=vehicle.expert_id,
            vehicle=vehicle,
            registration=vehicle.registration,
            venue_id=site_of[vehicle.expert_id],
            valid_from=today,
            valid_to=today + timedelta(days=90),
        )
        for vehicle in vehicles
        if vehicle.expert_id in site_of and ctx.rng.random() < 0.35
    )
    ctx.say(f"{len(vehicles)} vehicles for experts booked at meetings, some with permits")
