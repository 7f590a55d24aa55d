"""Who may do what with the register of members. Only the membership office keeps it: the
returning officer and the scrutineer see none of it here (the elections app gives the returning
officer an election's frozen list of voters), and nobody from involvement work sees it at all.
Joining, and a member's own changes through an emailed link, need no sign-in."""

import rules

from coproduce.accounts.roles import Role
from coproduce.accounts.rules import _has_role, is_expert

is_membership_office = _has_role(Role.MEMBERSHIP_OFFICE)

rules.add_perm("members.keep_register", is_membership_office)
rules.add_perm("members.join_from_portal", is_expert)
