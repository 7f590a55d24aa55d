"""Who may do what with equality monitoring. Each expert answers, changes and removes their own
answers. The involvement team (coordinators and the lead) may copy an expert's answers from a
paper form, with the expert's consent, but never sees any one person's answers afterwards; it
sees only the comparison, with small numbers hidden. The lead enters the local population and
the fewest people shown. Staff, finance and administrators see none of it."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_lead, is_involvement_team

rules.add_perm("equality.answer_own", is_expert)
rules.add_perm("equality.copy_paper_form", is_involvement_team)
rules.add_perm("equality.view_comparison", is_involvement_team)
rules.add_perm("equality.set_population", is_involvement_lead)
