"""Figures worked out at the same time (core.at_once): on PostgreSQL and on SQLite kept in a
file, outside a transaction, the pieces run on other threads with their own connections, which
are closed after; inside a transaction or on an in-memory SQLite database they run one after
another here. Either way the answers are the same, in the order asked.

The tests' SQLite database is in memory. A test that needs threads on SQLite treats it as a
file (`as_if_in_a_file`): its other connections reach the same database, as the live server's
do, so the pieces really run on them."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections
from django.test import override_settings

from coproduce.core import at_once
from coproduce.core.figures import Filters
from coproduce.impact.dashboard import figures
from tests.impact.dashboard.helpers import held, moved, paid_claim

ONLY_ON_POSTGRESQL = (
    "Counting the database's open sessions needs PostgreSQL's pg_stat_activity. Run with "
    "DATABASE_URL set to PostgreSQL."
)


@pytest.fixture
def as_if_in_a_file(monkeypatch):
    """On SQLite, the tests' in-memory database is treated as one kept in a file."""
    if connection.vendor == "sqlite":
        monkeypatch.setattr(type(connections["default"]), "is_in_memory_db", lambda self: False)


def _where() -> tuple[int, int]:
    """The thread, and the database connection it is using (PostgreSQL's process id for the
    session; on SQLite, the connection object's identity)."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return threading.get_ident(), cursor.fetchone()[0]
    return threading.get_ident(), id(connection.connection)


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
def test_in_memory_sqlite_runs_the_pieces_here_one_after_another():
    if connection.vendor != "sqlite":
        pytest.skip("The in-memory database is SQLite's: this run uses PostgreSQL.")
    places = at_once.run(_where, _where, _where)

    assert {thread for thread, _ in places} == {threading.get_ident()}


@pytest.mark.django_db(transaction=True)
def test_the_pieces_run_on_two_threads_each_with_its_own_connection(as_if_in_a_file):
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


@pytest.mark.django_db(transaction=True)
def test_the_threads_close_their_connections():
    if connection.vendor != "postgresql":
        print(ONLY_ON_POSTGRESQL)
        pytest.skip(ONLY_ON_POSTGRESQL)
    _where()  # this thread's connection is open before counting
    before = _sessions_open()

    at_once.run(_where, _where, _where)

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
def test_an_error_in_a_piece_is_raised_to_the_caller_and_stops_the_rest(as_if_in_a_file):
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
def test_the_dashboard_gives_the_same_figures_at_once_as_one_after_another(as_if_in_a_file):
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
