"""Wording for parking pages: what the person is told after changing a vehicle."""

from django.contrib import messages

from coproduce.parking.services import VehicleChange


def change_messages(
    change: VehicleChange, *, typed: str, for_someone_else: bool
) -> list[tuple[int, str]]:
    """The messages after a vehicle is changed, as (level, text): what was saved, how the plate
    was written, and what happened to the permits that showed the old registration."""
    vehicle = change.vehicle
    if not change.changed:
        return [(messages.INFO, f"Nothing was changed: {vehicle.registration} is as it was.")]
    plate = change.changed.get("registration")
    if plate:
        text = f"The registration is now {vehicle.registration} (it was {plate[0]})."
        if typed and typed != vehicle.registration:
            text += f" We wrote it the way it is on a number plate: you typed {typed}."
    else:
        text = f"Your changes to {vehicle.registration} are saved."
    out = [(messages.SUCCESS, text)]
    for old, new in change.replaced:
        told = (
            f"Print it and give it to {vehicle.expert.full_name}, and ask them to throw the "
            "old one away."
            if for_someone_else
            else "Ask the involvement team for the new permit to put in your windscreen, and "
            "throw the old one away."
        )
        out.append(
            (
                messages.WARNING,
                f"Permit {old.number} for {old.venue.name} showed {old.registration}, so it is "
                f"cancelled. Permit {new.number} replaces it, with {new.registration}, for the "
                f"same days. {told}",
            )
        )
    for old in change.cancelled:
        out.append(
            (
                messages.WARNING,
                f"Permit {old.number} for {old.venue.name} showed {old.registration}, so it is "
                f"cancelled. {old.venue.name} is no longer used, so no new permit was issued.",
            )
        )
    return out
