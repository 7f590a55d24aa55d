"""Independent read-only pieces of work, run at the same time on their own database connections.

The evaluation dashboard and the annual report add up ten kinds of figure, each one query or a
few, each reading a year of attendance, feedback or claims. One after another, the database
works on one of them at a time and a page waits for the sum; a database server has more cores
than that. Here FIGURES_AT_ONCE threads (2 unless set) take the pieces in turn, each on its own
connection, and the page waits for the longest thread instead.

Only where it is safe and useful:
- on PostgreSQL, and on SQLite kept in a file: SQLite's write-ahead log (settings) lets any
  number of connections read at once, and Python lets go of its lock while SQLite works. Not
  on an in-memory SQLite database (the tests'), whose connections share one cache;
- never inside a transaction (a test's, or a view's `atomic`): another connection could not
  see what the transaction has written, so the pieces run one after another in it instead;
- each piece is a read: its figures come from a snapshot of its own, a moment apart from the
  others'. Each figure is still worked out in one query, so it is consistent in itself.

A thread's connections are closed when it has no more pieces to take, so none is left open
between pages (and nothing stops a test database being dropped)."""

import threading
from collections import deque
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLite


def _threads(pieces: int) -> int:
    wanted = getattr(settings, "FIGURES_AT_ONCE", 2)
    if connection.in_atomic_block or not _shares_reads():
        return 1
    return max(1, min(wanted, pieces))


def _shares_reads() -> bool:
    if connection.vendor == "sqlite":
        return not cast(SQLite, connection).is_in_memory_db()
    return connection.vendor == "postgresql"


def run(*pieces: Callable[[], Any]) -> list[Any]:
    """What each piece returned, in the order given. Give the slowest first: the threads take
    them in that order. An error in a piece is raised here, after the threads have stopped."""
    threads = _threads(len(pieces))
    if threads == 1:
        return [piece() for piece in pieces]
    results: list[Any] = [None] * len(pieces)
    errors: list[BaseException] = []
    waiting = deque(enumerate(pieces))

    def take_pieces() -> None:
        try:
            while not errors:
                try:
                    index, piece = waiting.popleft()
                except IndexError:
                    return
                results[index] = piece()
        except BaseException as error:  # raised again in the caller's thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connections

    started = [threading.Thread(target=take_pieces, daemon=True) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    if errors:
        raise errors[0]
    return results
