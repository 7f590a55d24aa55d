"""What a request may come back as, and shorthands for writing the permission matrix."""

OK = "page"
LOGIN = "login redirect"
DENIED = "403"
MISSING = "404"
REDIRECT = "redirect"
TOO_MANY = "429"
INVALID = "400"
# A script's question answered "you are not signed in" (no sign-in page to send it to).
SIGNED_OUT = "401"

ROLES = (
    "anonymous",
    "expert",
    "staff",
    "finance",
    "coordinator",
    "lead",
    "administrator",
    "membership_office",
    "returning_officer",
    "scrutineer",
)
# The staff of involvement work. The membership office, the returning officer and the
# scrutineer have only the membership pages (least privilege).
STAFF_ROLES = ("staff", "finance", "coordinator", "lead", "administrator")
MEMBERSHIP_ROLES = ("membership_office", "returning_officer", "scrutineer")
TEAM = ("coordinator", "lead")


def rule(*, default: str, anonymous: str = LOGIN, **by_role: str) -> dict[str, str]:
    """Expected outcome for every role: anonymous visitors, then `default` unless named."""
    outcome = {role: default for role in ROLES}
    outcome["anonymous"] = anonymous
    outcome.update(by_role)
    return outcome


def only(roles: tuple[str, ...], *, ok: str = OK, others: str = DENIED) -> dict[str, str]:
    return rule(default=others, **{role: ok for role in roles})


PUBLIC = rule(default=OK, anonymous=OK)
EVERYONE_SIGNED_IN = rule(default=OK)
