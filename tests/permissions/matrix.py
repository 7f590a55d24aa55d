"""The permission matrix: every named URL, what each role gets. A URL missing from here
fails the suite. Each entry: (method, url kwargs key, expectations)."""

from tests.permissions.matrix_agreements import AGREEMENTS
from tests.permissions.matrix_ambitions import AMBITIONS
from tests.permissions.matrix_auth import AUTH
from tests.permissions.matrix_badges import BADGES
from tests.permissions.matrix_calendar import CALENDAR
from tests.permissions.matrix_concerns import CONCERNS
from tests.permissions.matrix_confidential import CONFIDENTIAL
from tests.permissions.matrix_dashboard import DASHBOARD
from tests.permissions.matrix_declarations import DECLARATIONS
from tests.permissions.matrix_directory import DIRECTORY
from tests.permissions.matrix_elections import ELECTIONS
from tests.permissions.matrix_equality import EQUALITY
from tests.permissions.matrix_feedback import FEEDBACK
from tests.permissions.matrix_import import IMPORT
from tests.permissions.matrix_invitations import INVITATIONS
from tests.permissions.matrix_mailing import MAILING
from tests.permissions.matrix_members import MEMBERS
from tests.permissions.matrix_outcomes import OUTCOMES
from tests.permissions.matrix_parking import PARKING
from tests.permissions.matrix_payments_mine import PAYMENTS_MINE
from tests.permissions.matrix_payments_money import PAYMENTS_MONEY
from tests.permissions.matrix_payments_places import PAYMENTS_PLACES
from tests.permissions.matrix_payments_staff import PAYMENTS_STAFF
from tests.permissions.matrix_reminders import REMINDERS
from tests.permissions.matrix_report import REPORT
from tests.permissions.matrix_requests import REQUESTS
from tests.permissions.matrix_restriction import RESTRICTION
from tests.permissions.matrix_shortlist import SHORTLIST
from tests.permissions.matrix_stories import STORIES
from tests.permissions.matrix_support_sheets import SUPPORT_SHEETS
from tests.permissions.matrix_surveys import SURVEYS
from tests.permissions.matrix_training import TRAINING
from tests.permissions.matrix_welcome import WELCOME
from tests.permissions.matrix_your_year import YOUR_YEAR
from tests.permissions.outcomes import (
    DENIED,
    INVALID,
    MISSING,
    OK,
    PUBLIC,
    REDIRECT,
    TEAM,
    only,
    rule,
)

GET, POST = "get", "post"

team_only = only(TEAM)
expert_only = only(("expert",))
admin_only = only(("administrator",))
# Expert records: the team sees them; an expert asking for another's record gets 404.
team_record = rule(default=MISSING, coordinator=OK, lead=OK)
team_record_post = rule(default=MISSING, coordinator=REDIRECT, lead=REDIRECT)

CORE: dict[str, tuple[str, str, dict[str, str]]] = {
    # Public pages
    "home": (GET, "", rule(default=REDIRECT, anonymous=OK)),
    "accessibility": (GET, "", PUBLIC),
    "privacy": (GET, "", PUBLIC),
    "get_involved": (GET, "", PUBLIC),
    "get_involved_done": (GET, "", PUBLIC),
    # Health, for load balancers: the same answer for everyone. Tests run tasks at once, so
    # readiness needs no worker here (tests/deploy/test_health.py covers one that is down).
    "health_live": (GET, "", PUBLIC),
    "health_ready": (GET, "", PUBLIC),
    # The development outbox does not exist unless DEBUG is on.
    "dev_outbox": (GET, "", rule(default=MISSING, anonymous=MISSING)),
    "dev_outbox_message": (GET, "message_id", rule(default=MISSING, anonymous=MISSING)),
    # The register
    # The overview: the involvement team and finance each see what waits for them there.
    "people:dashboard": (GET, "", only((*TEAM, "finance"))),
    "people:register": (GET, "", team_only),
    "people:export": (GET, "file_format", team_only),
    "people:expert_add": (GET, "", team_only),
    "people:expert_detail": (GET, "expert", team_record),
    "people:expert_edit": (GET, "expert", team_record),
    "people:expert_history": (GET, "expert", team_record),
    # A subject access request is the involvement lead's to answer.
    "people:expert_data": (GET, "expert", rule(default=MISSING, coordinator=DENIED, lead=OK)),
    # Erasing a person's data cannot be undone: the involvement lead's alone.
    "people:expert_erase": (GET, "expert", rule(default=MISSING, coordinator=DENIED, lead=OK)),
    # An empty form comes back with its errors (400) to those allowed to send it.
    "people:expert_status": (
        POST,
        "expert",
        rule(default=MISSING, coordinator=INVALID, lead=INVALID),
    ),
    "people:expert_photo": (
        GET,
        "expert_with_photo",
        rule(default=MISSING, coordinator=OK, lead=OK),
    ),
    "people:expert_photo_remove": (POST, "expert", team_record_post),
    "people:lists": (GET, "", team_only),
    "people:list_entries": (GET, "kind", team_only),
    "people:list_entry_edit": (GET, "list_entry", team_only),
    # The expert's portal
    "people:my_profile": (GET, "", expert_only),
    "people:my_profile_edit": (GET, "", expert_only),
    # Staff accounts
    "accounts:staff_list": (GET, "", admin_only),
    "accounts:staff_add": (GET, "", admin_only),
    "accounts:staff_edit": (GET, "staff_user", admin_only),
    "accounts:team_list": (GET, "", admin_only),
    # How long records are kept: the involvement lead's alone.
    "retention:settings": (GET, "", only(("lead",))),
    # The organisation's own words for experts and staff: the involvement lead's.
    "accounts:our_words": (GET, "", only(("lead",))),
    # Every page of the signed-in person's role, in groups (the header shows a few).
    "all_pages": (GET, "", rule(default=OK)),
}

MATRIX = {
    **CORE,
    **REMINDERS,
    **AUTH,
    **IMPORT,
    **REQUESTS,
    **CALENDAR,
    **SHORTLIST,
    **INVITATIONS,
    **PAYMENTS_MONEY,
    **PAYMENTS_STAFF,
    **PAYMENTS_MINE,
    **PAYMENTS_PLACES,
    **RESTRICTION,
    **ELECTIONS,
    **SUPPORT_SHEETS,
    **AGREEMENTS,
    **TRAINING,
    **CONFIDENTIAL,
    **BADGES,
    **WELCOME,
    **PARKING,
    **FEEDBACK,
    **OUTCOMES,
    **REPORT,
    **AMBITIONS,
    **CONCERNS,
    **DECLARATIONS,
    **EQUALITY,
    **DASHBOARD,
    **MAILING,
    **DIRECTORY,
    **YOUR_YEAR,
    **STORIES,
    **MEMBERS,
    **SURVEYS,
}
