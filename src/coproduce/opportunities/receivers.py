"""Listeners for the app's signals: when a session changes or is cancelled, everyone still
involved is told, with a calendar entry that replaces the one they hold. Whenever a session is
saved again, by a service or in Django's admin, the copy of its start on each place attended
is made again (services/session_tallies.py)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from coproduce.opportunities.models import Session
from coproduce.opportunities.services import session_tallies
from coproduce.opportunities.signals import session_changed


@receiver(session_changed, dispatch_uid="invitations.tell_invitees_about_session_change")
def tell_invitees_about_session_change(sender, session, cancelled: bool = False, **kwargs):
    from coproduce.opportunities.tasks_invitations import tell_about_session_change

    pk = session.pk
    transaction.on_commit(lambda: tell_about_session_change.enqueue(pk, bool(cancelled)))


@receiver(post_save, sender=Session, dispatch_uid="opportunities.recount_saved_session")
def recount_saved_session(sender, instance: Session, created: bool, raw: bool = False, **kwargs):
    """A saved session may have moved or been cancelled: the copy of its start on each place
    attended follows (a new session has no places yet)."""
    if created or raw:
        return
    session_tallies.recount([instance.pk])
