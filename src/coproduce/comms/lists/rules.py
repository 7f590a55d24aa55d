"""Who may do what with mailing lists (issue 14).

The involvement team — the involvement lead and coordinators — keeps the lists: makes them,
adds and removes members, writes messages, checks who gets which version and sends. They
already hold everyone's contact details and preferences on the register, which is what the
check before sending shows. Other staff ask the team to send for them: a message to hundreds of
experts goes out in the organisation's name, and the team answers the replies.

Experts see the lists they are on, join the open ones and leave any, in the portal. Anyone
with a leave link from a message may leave that one list without signing in: the link is
signed for that person and list, and does nothing else."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_team

rules.add_perm("mailing.manage_lists", is_involvement_team)
rules.add_perm("mailing.send_messages", is_involvement_team)
rules.add_perm("mailing.join_lists", is_expert)
