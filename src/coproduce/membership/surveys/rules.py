"""Who may do what with surveys of members: the membership office makes, opens and closes them,
copies paper answers and reads the results. Members answer by their personal link, which is
its own permission (no account). Nobody else sees any of it: the results are members' views,
not involvement work."""

import rules

from coproduce.accounts.roles import Role
from coproduce.accounts.rules import _has_role

is_membership_office = _has_role(Role.MEMBERSHIP_OFFICE)

rules.add_perm("surveys.manage", is_membership_office)
