"""Permission matrix entries for the evaluation dashboard. The involvement team (the lead and
coordinators) and staff (programme managers and the co-production board's members) see it and
download its figures; finance, administrators and experts are refused."""

from tests.permissions.outcomes import DENIED, OK, rule

readers = rule(default=DENIED, staff=OK, coordinator=OK, lead=OK)

DASHBOARD: dict[str, tuple[str, str, dict[str, str]]] = {
    "dashboard:dashboard": ("get", "", readers),
    "dashboard:download_all": ("get", "", readers),
    "dashboard:download": ("get", "dashboard_section", readers),
}


def kwargs(key: str) -> dict | None:
    if key == "dashboard_section":
        return {"slug": "sessions-and-hours"}
    return None
