"""Permission matrix entries for co-production declarations. Staff (programme managers) write
and see their own and their team's declarations (another team's is not found: 404); the
involvement team (coordinators and the lead) sees every one, may start one for someone, and
records the co-production board's reviews. Finance, administrators and experts see none."""

from typing import Any

from tests.permissions.outcomes import DENIED, MISSING, OK, rule

writers = rule(default=DENIED, staff=OK, coordinator=OK, lead=OK)
# Another team's declaration: a member of staff is a stranger to it.
someone_elses = rule(default=DENIED, staff=MISSING, coordinator=OK, lead=OK)
board = rule(default=DENIED, coordinator=OK, lead=OK)

DECLARATIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "declarations:mine": ("get", "", writers),
    "declarations:all": ("get", "", board),
    "declarations:new": ("get", "", writers),
    "declarations:detail": ("get", "declaration", someone_elses),
    "declarations:change": ("get", "declaration", someone_elses),
    "declarations:add_entry": ("get", "declaration", someone_elses),
    "declarations:change_entry": ("get", "declaration_entry", someone_elses),
    "declarations:remove_entry": ("get", "declaration_entry", someone_elses),
    "declarations:submit": ("get", "declaration", someone_elses),
    "declarations:follow_up_done": ("get", "declaration_follow_up", someone_elses),
    "declarations:meetings": ("get", "", board),
    "declarations:meeting_new": ("get", "", board),
    "declarations:meeting": ("get", "board_meeting", board),
    "declarations:review": ("get", "board_review", board),
}


def kwargs(key: str) -> dict | None:
    if not key.startswith(("declaration", "board_")):
        return None
    from datetime import date

    from coproduce.accounts.roles import Role
    from coproduce.impact.declarations import services
    from coproduce.impact.declarations.models import Status
    from coproduce.impact.declarations.services import FollowUpWords
    from tests.factories import UserFactory
    from tests.impact.declarations.helpers import declaration

    made = declaration(submit=key != "declaration")
    if key == "declaration":
        return {"pk": made.pk}
    if key == "declaration_entry":
        return {"pk": made.pk, "entry_pk": made.entries.get().pk}
    lead: Any = UserFactory(role=Role.INVOLVEMENT_LEAD)
    meeting = services.plan_meeting(actor=lead, held_on=date(2026, 6, 3), group=None)
    if key == "board_meeting":
        return {"pk": meeting.pk}
    if key == "board_review":
        return {"pk": meeting.pk, "declaration_pk": made.pk}
    if key == "declaration_follow_up":
        review = services.review(
            actor=lead,
            meeting=meeting,
            declaration=made,
            decision=Status.FOLLOW_UPS,
            comments="",
            follow_ups=[FollowUpWords(what="Write to carers", who="Sam", due_on=date(2026, 7, 1))],
        )
        return {"pk": review.follow_ups.get().pk}
    return None
