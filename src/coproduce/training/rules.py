"""Who may do what with training. The involvement lead keeps the list of courses, as they
keep the support sheets and the payment policy: it is the organisation's offer. The
involvement team (coordinators and the lead) records who completed what, for experts and for
staff, and sees the lists. Each expert, and each member of staff who works beside experts,
sees their own training. Finance and administrators see none."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_involvement_lead,
    is_involvement_team,
    is_staff_member,
)

rules.add_perm("training.manage_courses", is_involvement_lead)
rules.add_perm("training.view_courses", is_involvement_team)
rules.add_perm("training.record_training", is_involvement_team)
rules.add_perm("training.view_own_training", is_expert | is_staff_member | is_involvement_team)
