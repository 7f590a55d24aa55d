"""Who may do what with money. The involvement lead sets the policy; the involvement team
submits claims for experts and checks them; finance approves, pays and watches budgets
(coordinators cannot approve or pay); experts claim and follow their own claims."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_finance,
    is_involvement_lead,
    is_involvement_team,
)

rules.add_perm("payments.view_policy", is_involvement_team | is_finance)
rules.add_perm("payments.set_policy", is_involvement_lead)
rules.add_perm("payments.submit_for_experts", is_involvement_team)
rules.add_perm("payments.check_claims", is_involvement_team)
rules.add_perm("payments.view_claims", is_involvement_team | is_finance)
rules.add_perm("payments.approve_claims", is_finance)
rules.add_perm("payments.run_payments", is_finance)
rules.add_perm("payments.view_budgets", is_finance | is_involvement_lead)
rules.add_perm("payments.set_budgets", is_finance | is_involvement_lead)
rules.add_perm("payments.claim_own_expenses", is_expert)
