"""Who may do what with accounts. Role predicates here are reused by every app's rules."""

import rules

from coproduce.accounts.roles import Role


def _has_role(*roles: Role):
    names = {r.value for r in roles}

    @rules.predicate
    def check(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in names)

    check.__name__ = "is_" + "_or_".join(sorted(names))
    return check


is_administrator = _has_role(Role.ADMINISTRATOR)
is_involvement_lead = _has_role(Role.INVOLVEMENT_LEAD)
is_coordinator = _has_role(Role.COORDINATOR)
is_involvement_team = _has_role(Role.INVOLVEMENT_LEAD, Role.COORDINATOR)
is_staff_member = _has_role(Role.STAFF)
is_finance = _has_role(Role.FINANCE)
is_expert = _has_role(Role.EXPERT)
is_superuser = rules.is_superuser

rules.add_perm("accounts.manage_staff", is_administrator | is_superuser)
# The organisation's own words for its experts and staff (core.terms): the involvement lead's,
# as they set the payment policy and the retention periods.
rules.add_perm("accounts.set_our_words", is_involvement_lead)
