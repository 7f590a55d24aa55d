"""Who may do what with co-production declarations. A member of staff (a programme manager)
writes and sees their own declarations and their team's; the involvement team (coordinators
and the lead) sees every one, may write one for someone, and records the co-production board's
reviews. Finance, administrators and experts see none."""

import rules

from coproduce.accounts.rules import is_involvement_team, is_staff_member


@rules.predicate
def is_owner_or_same_team(user, declaration) -> bool:
    if declaration is None:
        return False
    return declaration.owner_id == user.pk or (
        user.team_id is not None and declaration.team_id == user.team_id
    )


rules.add_perm("declarations.write_declarations", is_staff_member | is_involvement_team)
rules.add_perm("declarations.see_all", is_involvement_team)
rules.add_perm("declarations.review", is_involvement_team)
rules.add_perm(
    "declarations.see_declaration",
    is_involvement_team | (is_staff_member & is_owner_or_same_team),
)
rules.add_perm(
    "declarations.change_declaration",
    is_involvement_team | (is_staff_member & is_owner_or_same_team),
)
