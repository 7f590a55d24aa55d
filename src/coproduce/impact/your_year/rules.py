"""Who may see an expert's year. Each expert sees their own, and downloads it as two PDFs;
the involvement team (coordinators and the lead) opens and prints any expert's from the
expert's profile. Staff outside the involvement team, finance and administrators see none."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_team

rules.add_perm("your_year.read_own", is_expert)
rules.add_perm("your_year.print_for_expert", is_involvement_team)
