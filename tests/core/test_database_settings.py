"""How connections are set up. PostgreSQL's are made with just-in-time compiling off: the
dashboard's figures are a few dozen mid-sized queries, each of which would otherwise spend
50-80 ms compiling. SQLite's, to a file, write ahead to a log (readers and one writer at
once) and read the file through the operating system's memory map."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_just_in_time():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no just-in-time compiler (the suite runs twice)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_sqlite_files_are_opened_with_the_log_and_the_memory_map(tmp_path, django_db_blocker):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: this run's database is PostgreSQL (the suite runs twice)")
    # A connection made as the service makes one to its file (the tests' own is in memory).
    options = {**settings.DATABASES["default"], "NAME": str(tmp_path / "service.sqlite3")}
    file = DatabaseWrapper(options, alias="file")
    try:
        with django_db_blocker.unblock(), file.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone() == (1,)  # NORMAL
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone() == (1024**3,)
    finally:
        file.close()
