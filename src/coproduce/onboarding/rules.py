"""Who may do what with onboarding. Photo ID badges are the involvement team's: coordinators
and the involvement lead issue, revoke and print them. Finance, other staff and experts do not
(an expert sees their badge on the card they carry; anyone checks it on the public page)."""

import rules

from coproduce.accounts.rules import (
    is_administrator,
    is_expert,
    is_finance,
    is_involvement_lead,
    is_involvement_team,
    is_staff_member,
)

rules.add_perm("onboarding.manage_badges", is_involvement_team)

# Support sheets. The involvement lead writes them, as they set the payment policy and the
# retention periods: they are the organisation's guidance, in its own words. Every member of
# staff reads the sheets for staff; experts read theirs, and so does the involvement team, who
# answer experts' questions about them.
is_any_staff = is_involvement_team | is_staff_member | is_finance | is_administrator


@rules.predicate
def may_read_sheet(user, sheet) -> bool:
    if sheet is None:
        return False
    if sheet.retired_at is not None:
        return bool(is_involvement_lead(user))
    if sheet.audience == "staff":
        return bool(is_any_staff(user))
    return bool(is_expert(user) or is_involvement_team(user))


rules.add_perm("onboarding.view_staff_sheets", is_any_staff)
rules.add_perm("onboarding.view_expert_sheets", is_expert | is_involvement_team)
rules.add_perm("onboarding.view_support_sheet", may_read_sheet)
rules.add_perm("onboarding.manage_support_sheets", is_involvement_lead)

# Agreements. The involvement lead publishes them and their new versions (the organisation's
# own words, like the support sheets); the involvement team sees who has signed and records a
# signature made on paper; an expert reads and signs in the portal.
rules.add_perm("onboarding.manage_agreements", is_involvement_lead)
rules.add_perm("onboarding.view_agreements", is_involvement_team)
rules.add_perm("onboarding.record_signatures", is_involvement_team)
rules.add_perm("onboarding.sign_agreements", is_expert)

# The onboarding checklist: the team sees it and who is still onboarding; the lead decides
# which items are required.
rules.add_perm("onboarding.view_checklist", is_involvement_team)
rules.add_perm("onboarding.manage_checklist", is_involvement_lead)
