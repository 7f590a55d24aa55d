"""Background work for invitations: sending a run of invitations one by one (counting as it
goes, so the coordinator sees progress), and telling people about a place, a change, a
cancellation, a withdrawn invitation or a place the team cancelled."""

from django_tasks import task

from coproduce.opportunities import notify
from coproduce.opportunities.answer_links import issue_answer_link
from coproduce.opportunities.choices import STILL_INVOLVED
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.sending import finish_run, mark_notified, record_sent, start_run

RELATED = ("expert", "session__opportunity__venue", "session__venue")


@task()
def send_invitations(run_id: int) -> int:
    """Sends each invitation of the run; returns how many were sent."""
    run = start_run(run_id=run_id)
    found = Invitation.objects.select_related(*RELATED).in_bulk(run.invitation_ids)
    sent = 0
    for pk in run.invitation_ids:
        invitation = found.get(pk)
        if invitation is None:  # withdrawn and deleted with its session before we got to it
            record_sent(run_id=run_id, invitation=None, problem="No longer invited")
            continue
        if invitation.status != "invited":
            # Withdrawn (or answered in the portal) before its email went: nothing to send.
            record_sent(
                run_id=run_id,
                invitation=invitation,
                problem=f"Not sent: the invitation is now {invitation.get_status_display().lower()}",
            )
            continue
        token = issue_answer_link(invitation=invitation)
        problem = notify.send_invitation(invitation, token)
        if not problem:
            mark_notified(invitation=invitation)
            sent += 1
        record_sent(run_id=run_id, invitation=invitation, problem=problem)
    finish_run(run_id=run_id)
    return sent


@task()
def tell_about_place(invitation_id: int) -> bool:
    invitation = Invitation.objects.select_related(*RELATED).filter(pk=invitation_id).first()
    if invitation is None or invitation.status != "accepted":
        return False
    token = issue_answer_link(invitation=invitation)
    if notify.send_place_given(invitation, token):
        return False
    mark_notified(invitation=invitation)
    return True


@task()
def tell_about_withdrawal(invitation_id: int) -> bool:
    invitation = Invitation.objects.select_related(*RELATED).filter(pk=invitation_id).first()
    if invitation is None:
        return False
    return not notify.send_withdrawn(invitation)


@task()
def tell_about_cancelled_place(invitation_id: int) -> bool:
    """Tells the expert the team has cancelled their place; nothing if it was given back."""
    invitation = Invitation.objects.select_related(*RELATED).filter(pk=invitation_id).first()
    if invitation is None or invitation.status != "cancelled":
        return False
    return not notify.send_place_cancelled(invitation)


@task()
def tell_about_session_change(session_id: int, cancelled: bool) -> int:
    """Emails everyone still involved in the session (invited, with a place, or waiting) an
    updated calendar entry, or a cancellation; returns how many were told."""
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return 0
    told = 0
    involved = session.invitations.filter(status__in=STILL_INVOLVED).select_related(*RELATED)
    for invitation in involved:
        if cancelled:
            problem = notify.send_session_cancelled(invitation)
        else:
            token = issue_answer_link(invitation=invitation)
            problem = notify.send_session_changed(invitation, token)
        if not problem:
            mark_notified(invitation=invitation)
            told += 1
    return told
