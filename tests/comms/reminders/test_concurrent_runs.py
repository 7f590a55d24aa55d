"""Two runs of the schedule at the same moment (two workers) send each reminder once: the
second run's `SentReminder` waits for the first's transaction, then is refused."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections

from coproduce.comms.reminders import services
from coproduce.comms.reminders.models import SentReminder
from coproduce.comms.reminders.tasks import send_session_reminders
from tests.comms.reminders.helpers import days_ahead, place_at

PLACES = 8
RUNS = 2


@pytest.fixture
def slow_decisions(monkeypatch):
    """Holds each decision's transaction open a little, so the other run arrives while the
    first still holds its record."""
    real = services.decide

    def decided_slowly(decision):
        found = real(decision)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(services, "decide", decided_slowly)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(slow_decisions):
    if connection.vendor != "postgresql":
        reason = (
            "The race needs two database connections writing at once; SQLite lets one write "
            "at a time, so two runs cannot overlap. Run with DATABASE_URL set to PostgreSQL."
        )
        print(reason)
        pytest.skip(reason)
    places = [place_at(days_ahead(7)) for _ in range(PLACES)]
    start = threading.Barrier(RUNS)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            start.wait()
            counts.append(send_session_reminders.call())
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert len(counts) == RUNS
    assert sum(counts) == PLACES
    assert SentReminder.objects.count() == PLACES
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert sent_to == sorted(p.expert.email for p in places)
