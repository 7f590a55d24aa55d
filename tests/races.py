"""What race tests share: they need PostgreSQL (SQLite lets one write at a time, so nothing can
race), and they start the same work in several threads at the same moment."""

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection, connections

T = TypeVar("T")

SQLITE_CANNOT_RACE = (
    "The race needs database connections writing at once; SQLite lets one write at a time "
    "(transactions begin IMMEDIATE), so it cannot race. Run with DATABASE_URL set to "
    "PostgreSQL to test it."
)


def needs_postgresql() -> None:
    """Skips the test on SQLite, printing why."""
    if connection.vendor == "sqlite":
        print(SQLITE_CANNOT_RACE)
        pytest.skip(SQLITE_CANNOT_RACE)


def at_once(work: Callable[[], T], count: int) -> list[T]:
    """Runs `work` in `count` threads released together; returns what each gave. An error in
    any thread fails the test with every error, rather than being lost in its thread."""
    start = threading.Barrier(count)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results
