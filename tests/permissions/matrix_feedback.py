"""Permission matrix entries for feedback after sessions. The involvement team sees the
feedback on every session (confidential work only if named: tests/feedback/test_figures.py);
a member of staff only on the work they asked for, so another's session is not found (404);
an expert answers only for their own places (another's is not found). The link in the email
works without signing in; an expert signed in as someone else cannot use it (403)."""

from tests.permissions.outcomes import DENIED, MISSING, OK, PUBLIC, TEAM, only, rule

FEEDBACK: dict[str, tuple[str, str, dict[str, str]]] = {
    "feedback:overview": ("get", "", only((*TEAM, "staff"))),
    "feedback:session": (
        "get",
        "feedback_session",
        rule(default=DENIED, coordinator=OK, lead=OK, staff=MISSING),
    ),
    "feedback:give": (
        "get",
        "another_experts_attended_place",
        rule(default=DENIED, expert=MISSING),
    ),
    "feedback:feedback_link": ("get", "feedback_token", {**PUBLIC, "expert": DENIED}),
    "feedback:feedback_link_thanks": ("get", "", PUBLIC),
}


def _attended_place():
    from tests.impact.feedback.helpers import attended

    return attended()


def kwargs(key: str) -> dict | None:
    if key == "feedback_session":
        from coproduce.impact.feedback.services import ask

        place = _attended_place()
        ask(invitation_id=place.pk)
        return {"pk": place.session_id}
    if key == "another_experts_attended_place":
        return {"pk": _attended_place().pk}
    if key == "feedback_token":
        from coproduce.impact.feedback.links import link_token
        from coproduce.impact.feedback.services import ask

        request = ask(invitation_id=_attended_place().pk)
        assert request is not None
        return {"token": link_token(request)}
    return None
