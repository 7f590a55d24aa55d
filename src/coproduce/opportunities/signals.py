"""Signals other parts of the app listen to, so that the part that changes a record need not
know who must be told about it."""

from django.dispatch import Signal

# Sent after a session's time, venue or papers change, or it is cancelled, once the change is
# saved. Arguments: session (the Session), cancelled (bool). The invitations part connects a
# receiver that tells invitees, with an updated calendar entry.
session_changed = Signal()
