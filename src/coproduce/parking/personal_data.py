"""Parking's part of a person's data: the vehicles they registered and the parking permits
issued to them."""

from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "parking",
        {
            "vehicles": [
                {
                    "registration": vehicle.registration,
                    "make": vehicle.make,
                    "colour": vehicle.colour,
                    "blue_badge": vehicle.blue_badge,
                    "added_at": vehicle.added_at,
                }
                for vehicle in expert.vehicles.order_by("added_at", "id")
            ],
            "parking_permits": [
                {
                    "permit_number": permit.number,
                    "registration": permit.registration,
                    "site": permit.venue.name,
                    "valid_from": permit.valid_from,
                    "valid_to": permit.valid_to,
                    "cancelled_at": permit.cancelled_at,
                }
                for permit in expert.permits.select_related("venue").order_by("issued_at", "id")
            ],
        },
    )


def erase(expert) -> list[str]:
    """Their vehicles and permits are deleted: nothing needs them once the person can no
    longer be involved."""
    erased = []
    count, _ = expert.permits.all().delete()
    if count:
        erased.append("their parking permits")
    count, _ = expert.vehicles.all().delete()
    if count:
        erased.append("their vehicles")
    return erased
