"""Who may do what with the directory and events.

The directory is for experts to meet each other, so it is shown only to experts who are in it
themselves: an expert who has not joined sees why, and how to join. Only experts who are
active appear in it: not while they are still onboarding, have paused or have left, nor while
their processing is restricted, and never once erased (queries.LISTED says it in code). An
entry is hidden again when they stop being active, and shown again if they come back.

Staff do not browse the directory: coordinators, staff, finance and administrators never see
it. The involvement lead alone may see the entries, to look after them: to hide one (with a
reason the expert is shown), after a complaint or a photo that should not be there, and to show
it again. Photos are served only to experts who are in the directory and to the lead.

Events are arranged by the involvement team (coordinators and the lead), who see the replies,
the headcount and everyone's dietary and access needs, and download the list. Experts reply for
themselves; staff, finance and administrators have no part in events here."""

import rules

from coproduce.accounts.rules import is_expert, is_involvement_lead, is_involvement_team

# Joining, changing and leaving one's own entry; whether the directory shows is then checked
# against the expert's own entry (views.py).
rules.add_perm("directory.join", is_expert)
rules.add_perm("directory.browse", is_expert)
rules.add_perm("directory.look_after", is_involvement_lead)

rules.add_perm("directory.manage_events", is_involvement_team)
rules.add_perm("directory.reply_to_events", is_expert)
