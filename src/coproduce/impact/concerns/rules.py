"""Who may see and act on concerns. Concerns are special-category data, so least privilege:

- an expert raises concerns and sees only their own (views find them through their record);
- the involvement team (coordinators and the lead) sees every concern, triages, replies,
  closes and reopens them, and records one raised by phone or in person. We chose not to hide
  concerns about a named member of the team from the rest of the team, to keep it simple: the
  team is small and the lead sees everything;
- a safeguarding contact (named by the lead) sees the concerns marked as safeguarding, and
  nothing else, whatever their role;
- finance and other staff see none."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_lead, is_involvement_team


@rules.predicate
def is_safeguarding_contact(user) -> bool:
    if not (user and user.is_authenticated and user.is_active) or user.is_expert:
        return False
    from coproduce.impact.concerns.queries import is_safeguarding_contact as named

    return named(user)


@rules.predicate
def is_safeguarding_concern(user, concern) -> bool:
    return concern is not None and concern.safeguarding


rules.add_perm("concerns.raise_concern", is_expert)
rules.add_perm("concerns.view_concern_list", is_involvement_team | is_safeguarding_contact)
rules.add_perm(
    "concerns.view_concern",
    is_involvement_team | (is_safeguarding_contact & is_safeguarding_concern),
)
rules.add_perm("concerns.manage_concerns", is_involvement_team)
rules.add_perm("concerns.set_safeguarding_contacts", is_involvement_lead)
