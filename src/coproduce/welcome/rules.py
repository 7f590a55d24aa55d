"""Who may do what with welcome packs. The involvement team makes packs for experts and marks
them sent; the involvement lead writes the pack's wording, as they write the support sheets
and the payment policy. An expert reads their own pack in their portal."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_lead, is_involvement_team

rules.add_perm("welcome.make_packs", is_involvement_team)
rules.add_perm("welcome.change_wording", is_involvement_lead)
rules.add_perm("welcome.read_own_pack", is_expert)
