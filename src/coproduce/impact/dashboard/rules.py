"""Who may see the evaluation dashboard: the involvement team (the lead and coordinators) and
staff, among them the co-production board's members and programme managers. Only the
involvement team is told about feedback comments. Finance, administrators and experts are
refused: finance has the budgets page for money."""

import rules

from coproduce.accounts.rules import is_involvement_team, is_staff_member

rules.add_perm("dashboard.view", is_involvement_team | is_staff_member)
rules.add_perm("dashboard.see_comments", is_involvement_team)
