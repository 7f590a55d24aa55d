"""Permission matrix entries for concerns. Experts raise and read their own (a staff account
has no expert record: 403 by the rule; another expert's concern is not found). The involvement
team sees, triages, replies to, closes and reopens every concern, and records one for an
expert; finance, other staff and administrators are refused (403). A staff member named as a
safeguarding contact sees safeguarding concerns too (tests/concerns/test_safeguarding.py):
here nobody is named. Only the involvement lead names the contacts."""

from tests.permissions.outcomes import DENIED, MISSING, OK, TEAM, only, rule

own = rule(default=DENIED, expert=OK)
team = rule(default=DENIED, coordinator=OK, lead=OK)
team_record = rule(default=MISSING, coordinator=OK, lead=OK)

CONCERNS: dict[str, tuple[str, str, dict[str, str]]] = {
    "concerns:my_concerns": ("get", "", own),
    "concerns:raise": ("get", "", own),
    "concerns:my_concern": ("get", "concern", rule(default=DENIED, expert=MISSING)),
    "concerns:list": ("get", "", only(TEAM)),
    "concerns:concern": ("get", "concern", team),
    "concerns:triage": ("get", "concern", team),
    "concerns:respond": ("get", "concern", team),
    "concerns:close": ("get", "concern", team),
    "concerns:reopen": ("get", "closed_concern", team),
    "concerns:record": ("get", "expert", team_record),
    "concerns:safeguarding_contacts": ("get", "", only(("lead",))),
}


def kwargs(key: str) -> dict | None:
    if key == "concern":
        from tests.impact.concerns.helpers import raised

        return {"pk": raised(safeguarding=True).pk}
    if key == "closed_concern":
        from tests.impact.concerns.helpers import closed

        return {"pk": closed().pk}
    return None
