"""Figures worked out at the same time (core.at_once): on PostgreSQL, outside a transaction,
the pieces run on other threads with their own connections, which are closed after; inside a
transaction or on SQLite they run one after another here. Either way the answers are the same,
in the order asked."""

import threading
import time
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings

from coproduce.core import at_once
from coproduce.core.figures import Filters
from coproduce.impact.dashboard import figures
from tests.impact.dashboard.helpers import held, moved, paid_claim

ONLY_ON_POSTGRESQL = (
    "Figures are worked out at once on PostgreSQL only; on SQLite they run one after another "
    "(as in a transaction, tested here too). Run with DATABASE_URL set to PostgreSQL."
)


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        print(ONLY_ON_POSTGRESQL)
        pytest.skip(ONLY_ON_POSTGRESQL)


def _where() -> tuple[int, int | None]:
    """The thread, and the database session it is using (PostgreSQL's process id)."""
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    return threading.get_ident(), backend


def _sessions_open() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_inside_a_transaction_the_pieces_run_here_one_after_another():
    # A test's transaction, like a view's `atomic`: other connections could not see its rows.
    places = at_once.run(_where, _where, _where)

    assert {thread for thread, _ in places} == {threading.get_ident()}
    assert len({backend for _, backend in places}) == 1


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_pieces_run_on_two_threads_each_with_its_own_connection():
    needs_postgresql()
    _where()  # this thread's connection is open before counting
    before = _sessions_open()
    gate = threading.Barrier(2, timeout=10)

    def meet():
        gate.wait()  # both threads hold a piece at the same moment, or this times out
        return _where()

    places = at_once.run(meet, meet, lambda: "third", lambda: 4)

    assert places[2:] == ["third", 4]
    threads = {thread for thread, _ in places[:2]}
    backends = {backend for _, backend in places[:2]}
    assert len(threads) == 2 and threading.get_ident() not in threads
    assert len(backends) == 2 and _where()[1] not in backends
    # The threads closed their connections (a closed session's process takes a moment to go).
    deadline = time.monotonic() + 10
    while _sessions_open() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sessions_open() == before


@pytest.mark.django_db(transaction=True)
def test_one_at_a_time_when_the_setting_says_so():
    with override_settings(FIGURES_AT_ONCE=1):
        places = at_once.run(_where, _where)

    assert {thread for thread, _ in places} == {threading.get_ident()}


@pytest.mark.django_db(transaction=True)
def test_an_error_in_a_piece_is_raised_to_the_caller_and_stops_the_rest():
    needs_postgresql()
    ran = []

    def fails():
        raise LookupError("no such figure")

    def slow():
        ran.append("slow")
        return 1

    with pytest.raises(LookupError, match="no such figure"):
        at_once.run(fails, fails, *[slow] * 20)
    assert len(ran) < 20


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_gives_the_same_figures_at_once_as_one_after_another():
    needs_postgresql()
    for day in range(4):
        session = held(date(2026, 4, 2 + day), hours=[2, 3.5][: day % 2 + 1])
        paid_claim(date(2026, 5, 1 + day), date(2026, 5, 20 + day))
        moved(session.invitations.first().expert, "active", date(2026, 5, 1 + day))
    filters = Filters(date(2026, 4, 1), date(2027, 3, 31))

    with override_settings(FIGURES_AT_ONCE=1):
        alone = figures.sections(filters)
    with override_settings(FIGURES_AT_ONCE=2):
        together = figures.sections(filters)

    assert [s.table for s in together] == [s.table for s in alone]
    assert [s.summary for s in together] == [s.summary for s in alone]
    assert "8 sessions" in alone[1].summary  # 4 held and 4 behind the paid claims


@pytest.mark.django_db(transaction=True)
def test_the_bench_counts_the_queries_of_the_figures_threads_too():
    from coproduce.accounts.models import User
    from coproduce.bench.worker import all_queries

    # Once first: a process's first connection looks up the database's types (one query).
    at_once.run(User.objects.count, User.objects.count)
    with all_queries() as counted:
        at_once.run(User.objects.count, User.objects.count, User.objects.count)
        User.objects.exists()

    assert counted() == 4
