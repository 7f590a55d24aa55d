"""What sending leaves behind: a run of invitations counting as it goes (so the coordinator
sees progress), and when an expert was last told about an invitation. Written by the
background tasks in tasks_invitations.py."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coproduce.opportunities.models import Invitation, InviteRun


def start_run(*, run_id: int) -> InviteRun:
    InviteRun.objects.filter(pk=run_id, state=InviteRun.State.QUEUED).update(
        state=InviteRun.State.SENDING
    )
    return InviteRun.objects.get(pk=run_id)


def record_sent(*, run_id: int, invitation: Invitation | None, problem: str = "") -> None:
    """Counts one invitation of a run as sent, or not sent and why, as soon as it is done, so
    the coordinator's progress page moves while the run goes on."""
    if not problem:
        InviteRun.objects.filter(pk=run_id).update(sent=F("sent") + 1)
        return
    with transaction.atomic():
        run = InviteRun.objects.select_for_update().get(pk=run_id)
        run.not_sent += 1
        name = invitation.expert.full_name if invitation else "Someone"
        run.problems = [*run.problems, {"expert": name, "reason": problem}]
        run.save(update_fields=["not_sent", "problems", "updated_at"])


def finish_run(*, run_id: int) -> None:
    InviteRun.objects.filter(pk=run_id).update(
        state=InviteRun.State.DONE, finished_at=timezone.now()
    )


def mark_notified(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(notified_at=timezone.now())
