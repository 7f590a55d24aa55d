"""Who may do what with the strategic ambitions. The involvement lead adds, changes, orders
and retires them; the lead and coordinators link work to them; staff (programme managers and
board members among them) read the ambitions and the progress against each. Finance,
administrators and experts see none. Confidential work may be linked, but its title is shown
only to those named on it (opportunities.queries.confidential)."""

import rules

from coproduce.accounts.rules import is_involvement_lead, is_involvement_team, is_staff_member

rules.add_perm("ambitions.view_ambitions", is_involvement_team | is_staff_member)
rules.add_perm("ambitions.manage_ambitions", is_involvement_lead)
rules.add_perm("ambitions.link_work", is_involvement_team)
