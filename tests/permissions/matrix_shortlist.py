"""Permission matrix entries for the shortlist. Only the involvement team ranks experts for
an opportunity: the page shows experts' needs, benefits and involvement."""

from tests.permissions.outcomes import TEAM, only

team_only = only(TEAM)

SHORTLIST: dict[str, tuple[str, str, dict[str, str]]] = {
    "opportunities:shortlist": ("get", "opportunity", team_only),
}
