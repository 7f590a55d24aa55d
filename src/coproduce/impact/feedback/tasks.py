"""Background work for feedback: each day, asking everyone who attended a session lately how
it went. Each attended place is asked once, however often the schedule runs: its request is
made (unique to the place) in the same transaction as its email is queued."""

from django.db import transaction
from django_tasks import task

from coproduce.impact.feedback import asking, queries, services


@task()
def ask_for_feedback() -> int:
    """Daily: for each attended place of a session that ended lately and was not asked about,
    records the request and queues the email, one place at a time, each in its own
    transaction. Returns how many were queued."""
    queued = 0
    for invitation_id in queries.places_to_ask():
        with transaction.atomic():
            request = services.ask(invitation_id=invitation_id)
            if request is None:
                continue
            # Queued inside the transaction: with the database task backend, the request and
            # its email are saved together or not at all.
            send_feedback_request.enqueue(request.pk)
        queued += 1
    return queued


@task()
def send_feedback_request(request_id: int) -> bool:
    """Emails one expert asking how a session went; True when they were asked."""
    request = queries.request_to_send(request_id)
    if request is None or request.answered or request.emailed_at is not None:
        return False
    if asking.send_request(request):
        return False
    services.mark_emailed(request=request)
    return True
