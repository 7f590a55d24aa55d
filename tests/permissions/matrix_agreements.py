"""Permission matrix entries for agreements and the onboarding checklist. The involvement lead
publishes agreements and chooses what the checklist requires; the involvement team sees who has
signed, records a signature on paper, sees everyone onboarding and makes them active. An expert
reads and signs in the portal; other staff find nothing (a version is not found: 404)."""

import itertools

from tests.permissions.outcomes import (
    MISSING,
    OK,
    REDIRECT,
    TEAM,
    only,
    rule,
)

lead_only = only(("lead",))
team_only = only(TEAM)

AGREEMENTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "onboarding:agreement_list": ("get", "", team_only),
    "onboarding:agreement_new": ("get", "", lead_only),
    "onboarding:agreement_detail": ("get", "agreement", team_only),
    "onboarding:agreement_publish": ("get", "agreement", lead_only),
    "onboarding:agreement_retire": ("get", "agreement", lead_only),
    "onboarding:agreement_read": (
        "get",
        "agreement_version",
        rule(default=MISSING, expert=OK, coordinator=OK, lead=OK),
    ),
    "onboarding:agreement_easy_read": (
        "get",
        "agreement_version",
        rule(default=MISSING, expert=OK, coordinator=OK, lead=OK),
    ),
    "onboarding:my_agreements": ("get", "", only(("expert",))),
    "onboarding:agreement_paper": ("get", "expert", team_only),
    "onboarding:onboarding_list": ("get", "", team_only),
    "onboarding:checklist_settings": ("get", "", lead_only),
    # Someone not ready is refused with a message and sent back to the profile.
    "people:expert_make_active": (
        "post",
        "onboarding_expert",
        rule(default=MISSING, coordinator=REDIRECT, lead=REDIRECT),
    ),
}


# Each page asks for its own agreement, and titles are unique: number them.
_made = itertools.count(1)


def kwargs(key: str) -> dict | None:
    if key == "agreement":
        from tests.onboarding.agreement_helpers import publish

        return {"pk": publish("other", title=f"Photography consent {next(_made)}").agreement_id}
    if key == "agreement_version":
        from tests.onboarding.agreement_helpers import publish

        return {"pk": publish("other", title=f"Recording consent {next(_made)}").pk}
    if key == "onboarding_expert":
        from tests.factories import ExpertFactory

        return {"pk": ExpertFactory(status="onboarding").pk}
    return None
