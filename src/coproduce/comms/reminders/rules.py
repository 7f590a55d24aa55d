"""Who may do what in reminders (issue 14). The involvement lead sets the organisation's
reminders; each expert chooses which of theirs they get, and each member of staff which of
theirs."""

import rules

from coproduce.accounts.rules import (
    is_administrator,
    is_expert,
    is_finance,
    is_involvement_lead,
    is_involvement_team,
    is_staff_member,
)

rules.add_perm("reminders.set_reminders", is_involvement_lead)
rules.add_perm("reminders.choose_own", is_expert)
rules.add_perm("reminders.see_experts_choices", is_involvement_team)
rules.add_perm(
    "reminders.choose_own_staff",
    is_involvement_team | is_staff_member | is_finance | is_administrator,
)
