"""Background work for concerns: telling the safeguarding contacts at once, and telling an
expert there is a reply. Both are queued when the change that needs them commits."""

from django_tasks import task

from coproduce.impact.concerns import notify


@task()
def tell_safeguarding_contacts(concern_id: int) -> int:
    """Emails the safeguarding contacts that a concern needs their attention."""
    return notify.tell_safeguarding_contacts(concern_id)


@task()
def tell_expert_of_reply(step_id: int) -> bool:
    """Tells the expert there is a reply to their concern; True when they were told."""
    return not notify.tell_expert_of_reply(step_id)
