"""Two presses of Send at the same moment (a double click, two tabs) on PostgreSQL: the row
lock makes the second wait, then find the message sent and be refused. One set of deliveries,
one audit record."""

import threading

import pytest
from django.db import connection, connections

from coproduce.audit.models import AuditEvent
from coproduce.comms.lists import services
from coproduce.comms.lists.models import Delivery
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.factories import UserFactory


def test_two_sends_at_once_make_one_set_of_deliveries(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL's row locks: run with DATABASE_URL=postgres://…")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    actor = UserFactory(role="coordinator")
    message = draft(mailing_list(*[consenting() for _ in range(50)]))
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def press_send():
        try:
            start.wait()
            services.queue_message(actor=actor, message=message, revision=message.revision)
            outcomes.append("sent")
        except services.NotSent as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This message has already been sent", "sent"]
    assert Delivery.objects.filter(message=message).count() == 50
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MESSAGE_SENT).count() == 1
