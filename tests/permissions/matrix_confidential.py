"""Permission matrix entries for confidential work (serious incident and patient safety
investigations). Each request is made by a new user, who is never named on the work nor
invited to it: whatever their role, the work's pages answer 404, as if it did not exist.
Roles that never have confidential work (finance, the administrator; experts for the staff
pages) are refused before anything is looked up. What named staff and invited experts see is
tested in tests/opportunities/test_confidential_*.py, as are the existing pages of the work
(its opportunity, request, sessions and invitations), which answer 404 to anyone not named
(`EXISTING_PAGES` below)."""

from tests.permissions.outcomes import DENIED, MISSING, OK, rule

named_staff_roles = ("staff", "coordinator", "lead")
staff_list = rule(default=DENIED, staff=OK, coordinator=OK, lead=OK)
not_named = rule(default=DENIED, staff=MISSING, coordinator=MISSING, lead=MISSING)

CONFIDENTIAL: dict[str, tuple[str, str, dict[str, str]]] = {
    "opportunities:confidential_list": ("get", "", staff_list),
    "opportunities:confidential_check_ins": ("get", "", staff_list),
    "opportunities:confidential_check_in": ("get", "confidential_check_in", not_named),
    "opportunities:confidential_work": ("get", "confidential_work", not_named),
    "opportunities:confidential_staff": ("get", "confidential_work", not_named),
    "opportunities:confidential_paper_add": ("get", "confidential_work", not_named),
    "opportunities:confidential_close": ("get", "confidential_work", not_named),
    # Opening a paper: anyone signed in asks, and only those named or invited find it.
    "opportunities:confidential_paper": ("get", "confidential_paper", rule(default=MISSING)),
    "opportunities:confidential_paper_withdraw": ("get", "confidential_paper", not_named),
    "opportunities:my_confidential_work": (
        "get",
        "confidential_work",
        rule(default=DENIED, expert=MISSING),
    ),
}

# The work's existing pages, asked for by someone not named: 404 for every role that could
# open the page for ordinary work (tests/opportunities/test_confidential_visibility.py).
EXISTING_PAGES: dict[str, tuple[str, str]] = {
    "opportunities:opportunity_detail": ("get", "opportunity"),
    "opportunities:opportunity_edit": ("get", "opportunity"),
    "opportunities:opportunity_publish": ("post", "opportunity"),
    "opportunities:session_add": ("get", "opportunity"),
    "opportunities:shortlist": ("get", "opportunity"),
    "opportunities:invite": ("post", "opportunity"),
    "opportunities:request_detail": ("get", "opportunity"),
    "opportunities:request_edit": ("get", "opportunity"),
    "opportunities:request_review": ("get", "opportunity"),
    "opportunities:session_edit": ("get", "session"),
    "opportunities:session_cancel": ("get", "session"),
    "opportunities:session_places": ("get", "session"),
    "opportunities:session_attendance": ("get", "session"),
    "opportunities:session_attendee_add": ("post", "session"),
    "opportunities:invitation_withdraw": ("post", "invitation"),
    "opportunities:invitation_cancel": ("get", "invitation"),
}


def kwargs(key: str) -> dict | None:
    if key not in {"confidential_work", "confidential_paper", "confidential_check_in"}:
        return None
    from coproduce.opportunities.confidential import services
    from tests.opportunities.confidential_helpers import add_paper, make_confidential_work

    opportunity, _session, invitation = make_confidential_work(past=True)
    if key == "confidential_work":
        return {"pk": opportunity.pk}
    if key == "confidential_paper":
        return {"pk": add_paper(opportunity, opportunity.requested_by).pk}
    invitation.attendance = "attended"
    invitation.save()
    services.make_check_ins([invitation])
    return {"pk": invitation.check_ins.first().pk}
