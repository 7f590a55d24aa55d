"""Who may do what with parking. The involvement team registers vehicles for experts, issues
and cancels permits, and prints each site's list for its car-park attendant. Experts register
and remove their own vehicles. Attendants get the list on paper from the team: no link is
made for them, so the list of who is coming never leaves the product except as printed."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_team

rules.add_perm("parking.manage_parking", is_involvement_team)
rules.add_perm("parking.view_attendant_lists", is_involvement_team)
rules.add_perm("parking.manage_own_vehicles", is_expert)
