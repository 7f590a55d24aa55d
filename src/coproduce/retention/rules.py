"""Who may see and set how long records are kept: the involvement lead alone."""

import rules

from coproduce.accounts.rules import is_involvement_lead

rules.add_perm("retention.set_periods", is_involvement_lead)
