"""Changes to vehicles and permits, each in one transaction with its audit record. The caller
has checked the person may make them (parking.rules)."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of, long_date
from coproduce.opportunities.models import Venue
from coproduce.parking.models import Permit, Vehicle
from coproduce.parking.plates import normalise
from coproduce.parking.queries import AttendantList
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


@dataclass(frozen=True)
class VehicleChange:
    """What changing a vehicle did: the fields changed ({field: [before, after]}), and, when
    its registration changed, its permits still running: each replaced by one showing the new
    plate (old, new), or cancelled with none to replace it (its site is no longer used)."""

    vehicle: Vehicle
    changed: dict[str, list]
    replaced: list[tuple[Permit, Permit]] = field(default_factory=list)
    cancelled: list[Permit] = field(default_factory=list)


VEHICLE_FIELDS = ("registration", "make", "colour", "blue_badge")


def change_vehicle(
    *,
    actor,
    vehicle: Vehicle,
    registration: str,
    make: str = "",
    colour: str = "",
    blue_badge: bool = False,
) -> VehicleChange:
    """Changes the vehicle's registration, make, colour or blue badge, the plate written one
    way as when it was added. A printed permit shows the registration, so when it changes
    every permit for the vehicle still running (today or later, not cancelled) is cancelled
    and replaced by a new one for the same site and days (from today, if it had started),
    showing the new plate: the attendant's list then gives the new permit's number, and a
    permit with the old plate is no longer valid. Nothing changes if nothing was changed."""
    _usable(vehicle.expert)
    plate = normalise(registration)
    after = {
        "registration": plate,
        "make": make.strip(),
        "colour": colour.strip(),
        "blue_badge": bool(blue_badge),
    }
    try:
        with transaction.atomic():
            locked = Vehicle.objects.select_for_update().select_related("expert").get(pk=vehicle.pk)
            before = audit.snapshot(locked, VEHICLE_FIELDS)
            changed = audit.diff(before, after)
            if not changed:
                return VehicleChange(vehicle=locked, changed={})
            if (
                "registration" in changed
                and Vehicle.objects.filter(expert_id=locked.expert_id, registration=plate)
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise ParkingError(f"{plate} is already registered", field="registration")
            old_plate = locked.registration
            for name, value in after.items():
                setattr(locked, name, value)
            locked.save(update_fields=list(VEHICLE_FIELDS))
            audit.record_change(
                actor=actor,
                instance=locked,
                subject=locked.expert,
                action=AuditEvent.Action.VEHICLE_CHANGED,
                summary=(
                    f"Vehicle {old_plate} changed to {plate}"
                    if old_plate != plate
                    else f"Vehicle {plate} changed"
                ),
                changes=changed,
            )
            result = VehicleChange(vehicle=locked, changed=changed)
            if old_plate != plate:
                _replace_permits(actor=actor, vehicle=locked, old_plate=old_plate, result=result)
    except IntegrityError:  # the same plate saved at the same moment in another tab
        raise ParkingError(f"{plate} is already registered", field="registration") from None
    return result


def _replace_permits(*, actor, vehicle: Vehicle, old_plate: str, result: VehicleChange) -> None:
    today = timezone.localdate()
    running = (
        Permit.objects.select_for_update()
        .select_related("venue")
        .filter(vehicle=vehicle, cancelled_at__isnull=True, valid_to__gte=today)
        .order_by("valid_from", "id")
    )
    for old in running:
        _cancel(
            actor=actor,
            permit=old,
            summary=f"Permit {old.number} cancelled: the registration changed from {old_plate} "
            f"to {vehicle.registration}",
        )
        if not old.venue.active:
            result.cancelled.append(old)
            continue
        new = issue_permit(
            actor=actor,
            vehicle=vehicle,
            venue=old.venue,
            valid_from=max(old.valid_from, today),
            valid_to=old.valid_to,
        )
        result.replaced.append((old, new))


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
        _cancel(actor=actor, permit=locked, summary=f"Permit {locked.number} cancelled")
    permit.refresh_from_db()
    return permit


def _cancel(*, actor, permit: Permit, summary: str) -> None:
    """Cancels a permit the caller has locked, with its audit record."""
    permit.cancelled_at = timezone.now()
    permit.cancelled_by = actor
    permit.save(update_fields=["cancelled_at", "cancelled_by"])
    audit.record_change(
        actor=actor,
        instance=permit,
        subject=permit.expert,
        action=AuditEvent.Action.PERMIT_CANCELLED,
        summary=audit.shortened(summary, 300),
        changes={"cancelled_at": [None, str(permit.cancelled_at)]},
    )


def record_attendant_list_printed(*, actor, listing: AttendantList) -> None:
    """A site's car park list for a day downloaded to print for its attendant: it carries
    people's names and number plates, so who printed it, for which site and day, and how many
    people were on it are recorded (never the names or plates themselves)."""
    audit.record_export(
        actor=actor,
        action=AuditEvent.Action.ATTENDANT_LIST_PRINTED,
        what=listing.venue,
        summary=audit.shortened(
            f"Car park list for {listing.venue.name}, {long_date(listing.day)}, printed: "
            f"{count_of(len(listing.people), 'person', 'people')}",
            300,
        ),
        details={
            "venue": listing.venue.pk,
            "day": listing.day.isoformat(),
            "people": len(listing.people),
            "format": "pdf",
        },
    )
