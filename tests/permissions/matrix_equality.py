"""Permission matrix entries for equality monitoring ("who is heard"). Each expert answers,
changes and removes their own answers; coordinators and the lead may copy an expert's answers
from a paper form (never seeing them afterwards) and see the comparison; only the lead enters
the local population and the fewest people shown. Staff, finance and administrators see none."""

from tests.permissions.outcomes import DENIED, OK, rule

team = rule(default=DENIED, coordinator=OK, lead=OK)
lead = rule(default=DENIED, lead=OK)
expert = rule(default=DENIED, expert=OK)

EQUALITY: dict[str, tuple[str, str, dict[str, str]]] = {
    "equality:mine": ("get", "", expert),
    "equality:remove": ("get", "", expert),
    "equality:paper": ("get", "expert", team),
    "equality:who_is_heard": ("get", "", team),
    "equality:download": ("get", "", team),
    "equality:population": ("get", "", lead),
    "equality:fewest": ("get", "", lead),
    "equality:population_set": ("get", "population_characteristic", lead),
}


def kwargs(key: str) -> dict | None:
    if key == "population_characteristic":
        return {"slug": "ethnic_group"}
    return None
