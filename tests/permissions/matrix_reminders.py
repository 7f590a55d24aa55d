"""Permission matrix entries for reminders. The involvement lead sets the organisation's
reminders; each expert chooses their own; each member of staff (every role but experts)
chooses theirs."""

from tests.permissions.outcomes import DENIED, OK, STAFF_ROLES, only, rule

REMINDERS: dict[str, tuple[str, str, dict[str, str]]] = {
    "reminders:settings": ("get", "", only(("lead",))),
    "reminders:mine": ("get", "", rule(default=DENIED, expert=OK)),
    "reminders:mine_staff": ("get", "", only(STAFF_ROLES)),
}


def kwargs(key: str) -> dict | None:
    return None
