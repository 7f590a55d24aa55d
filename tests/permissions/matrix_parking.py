"""Permission matrix entries for parking. Experts register and remove their own vehicles (a
staff account has no expert record: 403 by the rule). The involvement team looks after any
expert's vehicles and permits; anyone else asking about an expert's finds nothing (404). The
car-park lists are the team's, printed for attendants: everyone else is refused (403)."""

from tests.permissions.outcomes import DENIED, MISSING, OK, TEAM, only, rule

team_record = rule(default=MISSING, coordinator=OK, lead=OK)
own = rule(default=DENIED, expert=OK)

PARKING: dict[str, tuple[str, str, dict[str, str]]] = {
    "parking:my_vehicles": ("get", "", own),
    "parking:my_vehicle_add": ("get", "", own),
    # Another expert's vehicle is not theirs: not found.
    "parking:my_vehicle_remove": ("get", "vehicle", rule(default=DENIED, expert=MISSING)),
    "parking:my_vehicle_change": ("get", "vehicle", rule(default=DENIED, expert=MISSING)),
    "parking:expert_parking": ("get", "expert", team_record),
    "parking:vehicle_add": ("get", "expert", team_record),
    "parking:vehicle_remove": ("get", "vehicle", team_record),
    "parking:vehicle_change": ("get", "vehicle", team_record),
    "parking:permit_issue": ("get", "expert_with_vehicle", team_record),
    "parking:permit_print": ("get", "permit", team_record),
    "parking:permit_cancel": ("get", "permit", team_record),
    "parking:attendant_lists": ("get", "", only(TEAM)),
    "parking:attendant_day": ("get", "parking_day", only(TEAM)),
    "parking:attendant_list": ("get", "parking_list", only(TEAM)),
    "parking:attendant_list_pdf": ("get", "parking_list", only(TEAM)),
}


def _vehicle():
    from tests.parking.helpers import vehicle

    return vehicle()


def kwargs(key: str) -> dict | None:
    if key == "vehicle":
        return {"pk": _vehicle().pk}
    if key == "expert_with_vehicle":
        return {"pk": _vehicle().expert_id}
    if key == "permit":
        from tests.parking.helpers import permit

        return {"pk": permit().pk}
    if key == "parking_day":
        return {"day": "2026-03-03"}
    if key == "parking_list":
        from tests.factories import VenueFactory

        return {"day": "2026-03-03", "venue": VenueFactory().pk}
    return None
