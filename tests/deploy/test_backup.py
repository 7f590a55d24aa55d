"""deploy/backup and deploy/restore round-trip a real database and the uploaded files.

A database of demo data is dumped, restored into a second, fresh database, and compared table
by table: every table the catalog lists, its row count and a checksum of its rows in primary-key
order, and every sequence's position. The uploaded-files folder is compared file by file.
PostgreSQL only (pg_dump is the tool); on SQLite the test is skipped and says why."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
IS_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
DEMO_EXPERTS = 200

pytestmark = pytest.mark.skipif(
    not IS_POSTGRES,
    reason="backups are pg_dump and pg_restore: set DATABASE_URL to a PostgreSQL server to test them",
)

if IS_POSTGRES and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
    pytestmark = pytest.mark.skip(
        reason="pg_dump and pg_restore are not installed (Debian: postgresql-client)"
    )


def _server_url() -> str:
    return DATABASE_URL.rsplit("/", 1)[0]


def _admin(statement: str) -> None:
    with psycopg.connect(_server_url() + "/postgres", autocommit=True) as connection:
        connection.execute(statement)


@pytest.fixture
def databases():
    """Two databases of this test's own, made empty and always dropped afterwards. The process
    id keeps two runs (or two xdist workers) apart."""
    names = [f"coproduce_d_backup_{role}_{os.getpid()}" for role in ("source", "restored")]
    for name in names:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _admin(f"CREATE DATABASE {name}")
        # Throwaway databases need not wait for each commit to reach the disk (~10 ms a commit
        # here otherwise): the migrations commit one by one. What is dumped and restored is
        # the same.
        _admin(f"ALTER DATABASE {name} SET synchronous_commit = off")
    yield [f"{_server_url()}/{name}" for name in names]
    for name in names:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _environment(database_url: str, var_dir: Path) -> dict[str, str]:
    """The service's settings for a throwaway database (not the test settings pytest sets)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    env.update(
        DATABASE_URL=database_url,
        COPRODUCE_VAR_DIR=str(var_dir),
        DEBUG="true",  # demo_data refuses to run with DEBUG off
        LOG_FORMAT="plain",
        REDIS_URL="",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    env.pop("DATABASE_URL_FILE", None)
    return env


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


def _tables(connection) -> list[tuple[str, str]]:
    """Every ordinary and partitioned table outside PostgreSQL's own schemas, from the catalog."""
    return connection.execute(
        """
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%%'
        ORDER BY 1, 2
        """
    ).fetchall()


def _primary_key(connection, schema: str, table: str) -> list[str]:
    rows = connection.execute(
        """
        SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey, a.attnum)
        """,
        [f'"{schema}"."{table}"'],
    ).fetchall()
    return [name for (name,) in rows]


def _fingerprint(database_url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and the md5 of its rows (as text) in primary-key order; each
    sequence's position. Tables without a primary key are ordered by the whole row."""
    found: dict[str, tuple[int, str]] = {}
    with psycopg.connect(database_url) as connection:
        for schema, table in _tables(connection):
            key = _primary_key(connection, schema, table)
            row = sql.SQL("t")
            order = (
                sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(k)) for k in key)
                if key
                else sql.SQL("t::text")
            )
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg({row}::text, E'\\n' ORDER BY {order}), ''))"
                " FROM {table} AS t"
            ).format(row=row, order=order, table=sql.Identifier(schema, table))
            count, digest = connection.execute(query).fetchone()
            found[f"{schema}.{table}"] = (count, digest)
        for schema, sequence in connection.execute(
            "SELECT schemaname, sequencename FROM pg_sequences ORDER BY 1, 2"
        ).fetchall():
            position = connection.execute(
                sql.SQL("SELECT last_value, is_called FROM {}").format(
                    sql.Identifier(schema, sequence)
                )
            ).fetchone()
            found[f"sequence {schema}.{sequence}"] = (int(position[0]), str(position[1]))
    return found


def _files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_backup_restores_every_table_and_every_uploaded_file(databases, tmp_path):
    source_url, restored_url = databases
    source_var, restored_var = tmp_path / "source-var", tmp_path / "restored-var"
    source_env = _environment(source_url, source_var)
    python = sys.executable

    _run([python, "manage.py", "migrate", "--noinput"], source_env)
    _run([python, "manage.py", "demo_data", "--experts", str(DEMO_EXPERTS)], source_env)
    # Demo data uploads only the confidential review's papers: plant a photo and a receipt
    # where the services keep them too, with bytes that differ from run to run.
    uploads = {
        "photos/expert-1.jpg": os.urandom(2048),
        "receipts/2026/12/claim-7.pdf": b"%PDF-1.4 " + os.urandom(4096),
    }
    for name, content in uploads.items():
        path = source_var / "private" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    backups = tmp_path / "backups"
    made = _run(["deploy/backup", str(backups)], source_env).stdout.split()
    dump, archive, checksums = (Path(p) for p in made)
    assert dump.name.endswith(".dump") and dump.stat().st_size > 100_000
    assert archive.name.endswith("-private.tar.gz") and checksums.exists()
    assert oct(dump.stat().st_mode & 0o777) == "0o600", (
        "a backup must be readable by its owner only"
    )

    restored_env = _environment(restored_url, restored_var)
    _run(["deploy/restore", str(dump)], restored_env)

    before, after = _fingerprint(source_url), _fingerprint(restored_url)
    tables = [name for name in before if not name.startswith("sequence ")]
    # Not two empty databases: the register and the demo's sessions are really there.
    assert len(tables) >= 30, tables
    assert before["public.people_expert"][0] >= DEMO_EXPERTS
    assert sum(count for name, (count, _) in before.items() if name in tables) > 5_000
    assert sorted(after) == sorted(before), "tables or sequences differ after the restore"
    differing = {
        name: (before[name], after[name]) for name in before if before[name] != after[name]
    }
    assert not differing, f"differ after the restore (before, after): {differing}"

    assert _files(restored_var / "private") == _files(source_var / "private")
    assert set(uploads) <= set(_files(restored_var / "private"))


def test_restore_refuses_a_database_that_already_has_tables(databases, tmp_path):
    source_url, _ = databases
    env = _environment(source_url, tmp_path / "var")
    with psycopg.connect(source_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE already_here (id integer PRIMARY KEY)")
    made = _run(["deploy/backup", str(tmp_path / "backups")], env).stdout.split()

    # Restoring over the same, live database would mix two states: refused, nothing changed.
    result = subprocess.run(
        ["deploy/restore", made[0]], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "the database is not empty (tables: 1)" in result.stderr
    with psycopg.connect(source_url) as connection:
        assert _tables(connection) == [("public", "already_here")]


def test_restore_refuses_a_backup_that_does_not_match_its_checksums(databases, tmp_path):
    source_url, restored_url = databases
    env = _environment(source_url, tmp_path / "var")
    with psycopg.connect(source_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE kept (id integer PRIMARY KEY, note text)")
        connection.execute(
            "INSERT INTO kept SELECT n, repeat('x', 100) FROM generate_series(1, 2000) n"
        )
    dump = Path(_run(["deploy/backup", str(tmp_path / "backups")], env).stdout.split()[0])
    with dump.open("r+b") as handle:  # one byte changed, as a bad copy would
        handle.seek(dump.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))

    result = subprocess.run(
        ["deploy/restore", str(dump)],
        cwd=ROOT,
        env=_environment(restored_url, tmp_path / "restored-var"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "does not match its checksums" in result.stderr
    with psycopg.connect(restored_url) as connection:
        assert _tables(connection) == [], "nothing may be restored from a damaged backup"
