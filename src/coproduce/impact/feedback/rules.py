"""Who may do what with feedback. Experts tell us how their own sessions went; the involvement
team sees the feedback on every session it may see; a member of staff sees it for the work
they asked for (checked per session in queries.session_for). Confidential work stays with
those named on it (opportunities.visibility)."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_team, is_staff_member

rules.add_perm("feedback.give", is_expert)
rules.add_perm("feedback.view_all", is_involvement_team)
rules.add_perm("feedback.view", is_involvement_team | is_staff_member)
