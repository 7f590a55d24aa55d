"""Permission matrix entries for support sheets. Every member of staff reads the sheets for
staff; experts, and the involvement team, read the sheets for experts; only the involvement
lead adds, changes, retires and brings them back. A sheet for someone else is not found (404)."""

from tests.permissions.outcomes import (
    DENIED,
    MEMBERSHIP_ROLES,
    MISSING,
    OK,
    REDIRECT,
    STAFF_ROLES,
    TEAM,
    only,
    rule,
)

lead_only = only(("lead",))

SUPPORT_SHEETS: dict[str, tuple[str, str, dict[str, str]]] = {
    "onboarding:sheet_list": ("get", "", only(STAFF_ROLES)),
    "onboarding:sheet_list_experts": ("get", "", only(("expert", *TEAM))),
    "onboarding:sheet_manage": ("get", "", lead_only),
    "onboarding:sheet_new": ("get", "", lead_only),
    "onboarding:sheet_detail": (
        "get",
        "staff_sheet",
        rule(default=OK, expert=MISSING, **dict.fromkeys(MEMBERSHIP_ROLES, MISSING)),
    ),
    "onboarding:sheet_edit": ("get", "staff_sheet", lead_only),
    "onboarding:sheet_retire": ("get", "staff_sheet", lead_only),
    "onboarding:sheet_restore": ("post", "retired_sheet", rule(default=DENIED, lead=REDIRECT)),
}


def kwargs(key: str) -> dict | None:
    if key not in {"staff_sheet", "retired_sheet"}:
        return None
    from tests.onboarding.sheet_helpers import make_sheet

    return {"pk": make_sheet(retired=key == "retired_sheet").pk}
