"""Who may do what with elections. The returning officer runs them: the timetable, the
nominations, the poll, the count and the declaration. The scrutineer checks them, read-only:
the anonymous ballots after the close, and a recount. Nobody else, administrators included,
has any election page; members nominate and vote on public pages, their details or their code
being the permission."""

import rules

from coproduce.accounts.roles import Role
from coproduce.accounts.rules import _has_role

is_returning_officer = _has_role(Role.RETURNING_OFFICER)
is_scrutineer = _has_role(Role.SCRUTINEER)

rules.add_perm("elections.run_elections", is_returning_officer)
rules.add_perm("elections.scrutinise", is_scrutineer)
