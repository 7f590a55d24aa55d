"""Permission matrix entries for attendance, the expert's own involvement pages and the
calendar. Attendance is the involvement team's; an expert's pages are their own (another
expert's invitation answers 404); everyone signed in but the administrator and the membership roles sees the calendar;
the private feed is opened by its secret address alone."""

from tests.permissions.outcomes import (
    DENIED,
    MEMBERSHIP_ROLES,
    MISSING,
    OK,
    PUBLIC,
    REDIRECT,
    TEAM,
    only,
    rule,
)

team_only = only(TEAM)
expert_only = only(("expert",))
signed_in_but_admin = rule(
    default=OK,
    administrator=DENIED,
    **dict.fromkeys(MEMBERSHIP_ROLES, DENIED),
)

CALENDAR: dict[str, tuple[str, str, dict[str, str]]] = {
    "opportunities:session_attendance": ("get", "attendance_session", team_only),
    # An empty post (nobody chosen) goes back to the attendance page with a message.
    "opportunities:session_attendee_add": (
        "post",
        "attendance_session",
        only(TEAM, ok=REDIRECT),
    ),
    "opportunities:my_involvement": ("get", "", expert_only),
    # The matrix's invitation is someone else's: the expert learns nothing of it.
    "opportunities:answer_invitation": (
        "post",
        "another_experts_invitation",
        rule(default=DENIED, expert=MISSING),
    ),
    "opportunities:my_calendar_reset": ("post", "", only(("expert",), ok=REDIRECT)),
    "opportunities:calendar": ("get", "", signed_in_but_admin),
    "opportunities:calendar_list": ("get", "", signed_in_but_admin),
    "opportunities:calendar_download": ("get", "", signed_in_but_admin),
    "opportunities:calendar_feed": ("get", "calendar_token", PUBLIC),
}
