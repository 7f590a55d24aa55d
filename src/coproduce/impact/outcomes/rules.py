"""Who may do what with outcomes. A member of staff records the outcome of the work they asked
for (or their team's), as they follow those requests; the involvement team (coordinators and
the lead) records any. The involvement lead sets the weeks after the last session by which an
outcome is due. Each expert sees what happened next in the work they took part in. Finance and
administrators see none. Confidential work is seen only by those named on it
(opportunities.queries.confidential): everyone else reads as if it did not exist."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_involvement_lead,
    is_involvement_team,
    is_staff_member,
)
from coproduce.opportunities.rules import is_requester_or_same_team

rules.add_perm("outcomes.view_outcomes", is_involvement_team | is_staff_member)
rules.add_perm("outcomes.view_all_overdue", is_involvement_team)
rules.add_perm(
    "outcomes.record_outcome",
    is_involvement_team | (is_staff_member & is_requester_or_same_team),
)
rules.add_perm("outcomes.set_weeks", is_involvement_lead)
rules.add_perm("outcomes.see_what_happened", is_expert)
