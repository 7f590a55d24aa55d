"""Background work for outcomes: telling the experts who attended a piece of work what
happened next. Each expert is told once a round of the outcome, however often this runs: their
telling is made in the same transaction as its sending is queued."""

from django.db import transaction
from django_tasks import task

from coproduce.impact.outcomes import queries, telling
from coproduce.impact.outcomes.models import Telling


@task()
def tell_experts(outcome_id: int) -> int:
    """Queues the news of the outcome for each expert who attended and has not been told in
    its latest round, each in its own transaction. Returns how many were queued."""
    outcome = queries.outcome_to_tell(outcome_id)
    if outcome is None:
        return 0
    queued = 0
    for expert_id in queries.experts_to_tell(outcome):
        with transaction.atomic():
            made = telling.claim(outcome, expert_id)
            if made is None:
                continue
            # Queued inside the transaction: with the database task backend, the telling and
            # its sending are saved together or not at all.
            tell_expert.enqueue(made.pk)
        queued += 1
    return queued


@task()
def tell_expert(telling_id: int) -> bool:
    """Emails (or texts) one expert what happened next; True when they were told."""
    found = (
        Telling.objects.select_related("expert", "outcome__opportunity")
        .filter(pk=telling_id, told_at=None, problem="")
        .first()
    )
    if found is None:
        return False
    return telling.send(found).told_at is not None
