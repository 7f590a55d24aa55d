"""Who may see and change the register. Least privilege: only the involvement team sees the
register; an expert sees only their own record; other staff see none of it (yet)."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_finance,
    is_involvement_lead,
    is_involvement_team,
)


@rules.predicate
def is_own_record(user, expert) -> bool:
    return bool(expert is not None and user.is_authenticated and expert.user_id == user.pk)


rules.add_perm("people.view_register", is_involvement_team)
# The overview staff land on: what waits for them. Finance sees the claims it approves and pays
# there, and none of the register's figures (those need people.view_register).
rules.add_perm("people.view_overview", is_involvement_team | is_finance)
rules.add_perm("people.add_expert", is_involvement_team)
rules.add_perm("people.change_expert", is_involvement_team)
rules.add_perm("people.view_expert", is_involvement_team | (is_expert & is_own_record))
rules.add_perm("people.view_audit", is_involvement_team)
# A subject access request: everything held about a person, from every part of the product.
rules.add_perm("people.export_personal_data", is_involvement_lead)
rules.add_perm("people.export_register", is_involvement_team)
rules.add_perm("people.import_experts", is_involvement_team)
rules.add_perm("people.manage_lists", is_involvement_team)
rules.add_perm("people.edit_own_profile", is_expert)
# Restricting processing (UK GDPR article 18): a person may ask any of the team, and it must
# happen at once. Starting processing again is the involvement lead's decision alone.
rules.add_perm("people.restrict_processing", is_involvement_team)
rules.add_perm("people.lift_restriction", is_involvement_lead)
rules.add_perm("people.view_restricted", is_involvement_team)
# Erasing a person's data (UK GDPR article 17) cannot be undone: the involvement lead alone.
rules.add_perm("people.erase_personal_data", is_involvement_lead)
