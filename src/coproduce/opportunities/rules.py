"""Who may do what with opportunities. Staff ask for involvement and follow their own team's
requests; the involvement team reviews, publishes, matches, invites and records; experts see
and answer their own invitations; everyone signed in sees the calendar of meetings."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_finance,
    is_involvement_team,
    is_staff_member,
)


@rules.predicate
def is_requester_or_same_team(user, opportunity) -> bool:
    if opportunity is None:
        return False
    return opportunity.requested_by_id == user.pk or (
        user.team_id is not None and opportunity.team_id == user.team_id
    )


rules.add_perm("opportunities.request_involvement", is_staff_member | is_involvement_team)
rules.add_perm(
    "opportunities.view_request",
    is_involvement_team | (is_staff_member & is_requester_or_same_team),
)
rules.add_perm("opportunities.review_request", is_involvement_team)
rules.add_perm("opportunities.manage", is_involvement_team)
rules.add_perm(
    "opportunities.view_calendar", is_involvement_team | is_staff_member | is_finance | is_expert
)
rules.add_perm("opportunities.answer_invitations", is_expert)
# Confidential work: any member of staff may have some (they are named on it); which pieces
# each sees is decided by opportunities.visibility, and everything else answers 404.
rules.add_perm("opportunities.view_confidential", is_involvement_team | is_staff_member)
