"""Permission matrix entries for the strategic ambitions. The involvement lead adds, changes,
orders and retires them; the lead and coordinators link work to them and take it off; staff
read the ambitions and progress (and the CSV); finance, administrators and experts see none."""

from tests.permissions.outcomes import DENIED, OK, REDIRECT, rule

readers = rule(default=DENIED, staff=OK, coordinator=OK, lead=OK)
lead_only = rule(default=DENIED, lead=OK)
team = rule(default=DENIED, coordinator=OK, lead=OK)

AMBITIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "ambitions:list": ("get", "", readers),
    "ambitions:download": ("get", "", readers),
    "ambitions:detail": ("get", "ambition", readers),
    "ambitions:add": ("get", "", lead_only),
    "ambitions:change": ("get", "ambition", lead_only),
    "ambitions:retire": ("get", "ambition", lead_only),
    "ambitions:move": ("post", "ambition", rule(default=DENIED, lead=REDIRECT)),
    "ambitions:link": ("get", "ambition", team),
    "ambitions:unlink": (
        "post",
        "ambition_link",
        rule(default=DENIED, coordinator=REDIRECT, lead=REDIRECT),
    ),
}


def kwargs(key: str) -> dict | None:
    if key not in ("ambition", "ambition_link"):
        return None
    from tests.factories import OpportunityFactory
    from tests.impact.ambitions.helpers import ambition

    one = ambition()
    if key == "ambition":
        return {"pk": one.pk}
    from coproduce.impact.ambitions.models import AmbitionLink

    made = AmbitionLink.objects.create(ambition=one, opportunity=OpportunityFactory())
    return {"pk": one.pk, "link_pk": made.pk}
