"""Permission matrix entries for invitations and places. Only the involvement team invites,
follows a send and manages places. Answer links work for anyone holding one, signed in or not
(the signed link is the permission), except an expert signed in as someone else: the matrix's
invitation belongs to another expert, so they are refused."""

from tests.permissions.outcomes import DENIED, OK, REDIRECT, TEAM, only, rule

team_only = only(TEAM)
team_redirect = only(TEAM, ok=REDIRECT)
link_holder = rule(default=OK, anonymous=OK, expert=DENIED)

INVITATIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    # An empty post (nobody chosen) shows the check page with what is missing.
    "opportunities:invite": ("post", "opportunity", team_only),
    "opportunities:invite_run": ("get", "invite_run", team_only),
    "opportunities:session_places": ("get", "future_session", team_only),
    "opportunities:invitation_withdraw": ("post", "another_experts_invitation", team_redirect),
    # Asks first (the post that cancels is tested in tests/opportunities/test_places.py).
    "opportunities:invitation_cancel": ("get", "another_experts_place", team_only),
    "opportunities:invitation_answer": ("get", "answer_token", link_holder),
    "opportunities:invitation_answered": ("get", "answer_token", link_holder),
}
