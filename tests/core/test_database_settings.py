"""PostgreSQL connections are made with just-in-time compiling off: the dashboard's figures
are a few dozen mid-sized queries, each of which would otherwise spend 50-80 ms compiling."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_just_in_time():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no just-in-time compiler (the suite runs twice)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
