"""The throwaway databases the benchmark fills: each is made empty before a run."""

import contextlib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


class Unavailable(Exception):
    """The database cannot be used; the message says why, for the report."""


class SQLiteTarget:
    label = "SQLite"

    def __init__(self, path: Path):
        self.path = path

    def prepare(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{self.path}"

    def cleanup(self) -> None:
        """Kept after the run, so that a slow query can be looked at."""


class PostgresTarget:
    label = "PostgreSQL"

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.name = parts.path.lstrip("/")
        # Databases are created and dropped from the server's maintenance database.
        self.maintenance_url = urlunsplit(parts._replace(path="/postgres"))

    def _run(self, *statements: str) -> None:
        import psycopg
        from psycopg import sql

        try:
            with psycopg.connect(self.maintenance_url, autocommit=True, connect_timeout=5) as db:
                for statement in statements:
                    db.execute(sql.SQL(statement).format(sql.Identifier(self.name)))
        except psycopg.OperationalError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
            raise Unavailable(f"PostgreSQL is not reachable: {reason}") from error

    def prepare(self) -> str:
        if not self.name or self.name == "postgres":
            raise Unavailable(f"{self.url} must name a throwaway database")
        self._run("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")
        return self.url

    def cleanup(self) -> None:
        # A server that went away mid-run has nothing left to drop.
        with contextlib.suppress(Unavailable):
            self._run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
