"""Permission matrix entries for requests for involvement, the review, opportunities, sessions
and groups. Staff ask for involvement and follow their own team's requests: the matrix's
request belongs to another team, so a staff member gets 404 and learns nothing of it. The
involvement team reviews, publishes and manages; nobody else may."""

from tests.permissions.outcomes import MISSING, OK, REDIRECT, TEAM, only, rule

team_only = only(TEAM)
team_post = only(TEAM, ok=REDIRECT)
askers = only(("staff", *TEAM))
team_sees_request = rule(default=MISSING, coordinator=OK, lead=OK)

REQUESTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "opportunities:request_list": ("get", "", askers),
    "opportunities:request_new": ("get", "", askers),
    "opportunities:request_detail": ("get", "request", team_sees_request),
    "opportunities:request_edit": ("get", "request", team_sees_request),
    "opportunities:review_queue": ("get", "", team_only),
    "opportunities:request_review": ("get", "request", team_sees_request),
    "opportunities:opportunity_list": ("get", "", team_only),
    "opportunities:opportunity_new": ("get", "", team_only),
    "opportunities:opportunity_detail": ("get", "opportunity", team_only),
    "opportunities:opportunity_edit": ("get", "opportunity", team_only),
    "opportunities:opportunity_publish": ("post", "approved_request", team_post),
    "opportunities:session_add": ("get", "opportunity", team_only),
    "opportunities:session_edit": ("get", "future_session", team_only),
    "opportunities:session_cancel": ("get", "future_session", team_only),
    "opportunities:group_list": ("get", "", team_only),
    "opportunities:group_new": ("get", "", team_only),
    "opportunities:group_detail": ("get", "group", team_only),
    "opportunities:group_edit": ("get", "group", team_only),
    "opportunities:group_member_add": ("get", "group", team_only),
    "opportunities:group_member_remove": ("post", "membership", team_post),
    "opportunities:group_series_new": ("get", "group", team_only),
}
