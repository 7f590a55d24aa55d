"""Background work for members: the emails, queued when the change that needs one commits."""

from django_tasks import task

from coproduce.membership.members import notify


@task()
def send_member_email(kind: str, member_id: int) -> bool:
    """Sends a member one of notify's emails; True when it went."""
    return notify.send(kind, member_id)
