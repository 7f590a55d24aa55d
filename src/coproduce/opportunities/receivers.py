"""Listeners for the app's signals: when a session changes or is cancelled, everyone still
involved is told, with a calendar entry that replaces the one they hold."""

from django.db import transaction
from django.dispatch import receiver

from coproduce.opportunities.signals import session_changed


@receiver(session_changed, dispatch_uid="invitations.tell_invitees_about_session_change")
def tell_invitees_about_session_change(sender, session, cancelled: bool = False, **kwargs):
    from coproduce.opportunities.tasks_invitations import tell_about_session_change

    pk = session.pk
    transaction.on_commit(lambda: tell_about_session_change.enqueue(pk, bool(cancelled)))
