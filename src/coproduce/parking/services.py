"""Changes to vehicles and permits, each in one transaction with its audit record. The caller
has checked the person may make them (parking.rules)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.opportunities.models import Venue
from coproduce.parking.models import Permit, Vehicle
from coproduce.parking.plates import normalise
from coproduce.people.models import Expert


class ParkingError(ValueError):
    """A vehicle or permit that cannot be saved as asked, with a message for the person.
    `field` names the form field the message belongs beside, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _usable(expert: Expert) -> None:
    if expert.erased_at is not None or expert.restricted_at is not None:
        raise ParkingError(
            f"Processing of {expert.full_name}'s information is restricted, so their "
            "vehicles and permits cannot be changed."
        )


def add_vehicle(
    *,
    actor,
    expert: Expert,
    registration: str,
    make: str = "",
    colour: str = "",
    blue_badge: bool = False,
) -> Vehicle:
    """Registers a vehicle the expert comes in, its plate written one way ("AB12 CDE")."""
    _usable(expert)
    plate = normalise(registration)
    if Vehicle.objects.filter(expert=expert, registration=plate).exists():
        raise ParkingError(f"{plate} is already registered", field="registration")
    try:
        with transaction.atomic():
            vehicle = Vehicle.objects.create(
                expert=expert,
                registration=plate,
                make=make.strip(),
                colour=colour.strip(),
                blue_badge=blue_badge,
                added_by=actor,
            )
            audit.record_change(
                actor=actor,
                instance=vehicle,
                subject=expert,
                action=AuditEvent.Action.VEHICLE_ADDED,
                summary=f"Vehicle {plate} added",
                changes={"registration": [None, plate], "blue_badge": [None, blue_badge]},
            )
    except IntegrityError:  # the same plate added at the same moment in another tab
        raise ParkingError(f"{plate} is already registered", field="registration") from None
    return vehicle


def remove_vehicle(*, actor, vehicle: Vehicle) -> None:
    """Removes the vehicle. Permits issued for it keep its registration."""
    _usable(vehicle.expert)
    with transaction.atomic():
        audit.record_change(
            actor=actor,
            instance=vehicle,
            subject=vehicle.expert,
            action=AuditEvent.Action.VEHICLE_REMOVED,
            summary=f"Vehicle {vehicle.registration} removed",
            changes={"registration": [vehicle.registration, None]},
        )
        vehicle.delete()


def issue_permit(
    *, actor, vehicle: Vehicle, venue: Venue, valid_from: date, valid_to: date
) -> Permit:
    """A parking permit for this vehicle at this site, from one day to another (both
    included). It can be printed to go on the windscreen."""
    expert = vehicle.expert
    _usable(expert)
    if valid_to < valid_from:
        raise ParkingError(
            f"The last day must be the same as or after the first day, {long_date(valid_from)}",
            field="valid_to",
        )
    if not venue.active:
        raise ParkingError(f"{venue.name} is no longer used. Choose another site", field="venue")
    with transaction.atomic():
        permit = Permit.objects.create(
            expert=expert,
            vehicle=vehicle,
            registration=vehicle.registration,
            venue=venue,
            valid_from=valid_from,
            valid_to=valid_to,
            issued_by=actor,
        )
        audit.record_change(
            actor=actor,
            instance=permit,
            subject=expert,
            action=AuditEvent.Action.PERMIT_ISSUED,
            summary=audit.shortened(
                f"Permit {permit.number} for {permit.registration} at {venue.name}, "
                f"{long_date(valid_from)} to {long_date(valid_to)}",
                300,
            ),
            changes={
                "venue": [None, venue.name],
                "valid_from": [None, str(valid_from)],
                "valid_to": [None, str(valid_to)],
            },
        )
    return permit


def cancel_permit(*, actor, permit: Permit) -> Permit:
    """Cancels the permit: it no longer shows on the attendant's list."""
    with transaction.atomic():
        locked = Permit.objects.select_for_update().get(pk=permit.pk)
        if locked.cancelled_at is not None:
            raise ParkingError(f"Permit {locked.number} has already been cancelled.")
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = actor
        locked.save(update_fields=["cancelled_at", "cancelled_by"])
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=permit.expert,
            action=AuditEvent.Action.PERMIT_CANCELLED,
            summary=f"Permit {locked.number} cancelled",
            changes={"cancelled_at": [None, str(locked.cancelled_at)]},
        )
    permit.refresh_from_db()
    return permit
