"""python -m coproduce.bench: fills each throwaway database, measures, prints the table.

Exits with 1 when a target is missed, so that a script can tell.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from coproduce.bench.cases import CASES, DEMO_DATA_TARGET_S
from coproduce.bench.databases import PostgresTarget, SQLiteTarget, Unavailable
from coproduce.bench.import_case import IMPORT_ROWS, IMPORT_TARGET_S
from coproduce.bench.report import Row, milliseconds, seconds, table
from coproduce.bench.run_case import RUN_CLAIMS, RUN_TARGET_S

BASE_DIR = Path(__file__).resolve().parents[3]
BENCH_DIR = BASE_DIR / "var" / "bench"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/coproduce_bench"
_IMPORT_NAME = f"import a {IMPORT_ROWS:,}-row spreadsheet"
_RUN_NAME = f"payment run of {RUN_CLAIMS:,} claims, made and exported"
# A key for this run only: the sessions the bench signs in with are never used again.
SECRET_KEY = secrets.token_urlsafe(50)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduce.bench", description=__doc__)
    parser.add_argument("--experts", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="measure one database")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("BENCH_DATABASE_URL", POSTGRES_URL)
    )
    args = parser.parse_args()
    targets: dict[str, SQLiteTarget | PostgresTarget] = {
        "sqlite": SQLiteTarget(BENCH_DIR / "bench.sqlite3"),
        "postgres": PostgresTarget(args.postgres_url),
    }
    print(
        f"Measuring with {args.experts:,} demo experts: the median of {args.requests} requests "
        "after 3 warm-ups, signed in as a coordinator.",
        flush=True,
    )
    rows: list[Row] = []
    loads = [_load()]
    for key, target in targets.items():
        if args.only in (None, key):
            print(f"  {target.label}: filling and measuring...", flush=True)
            rows += _measure(target, args)
            loads.append(_load())
    print()
    print(table(rows))
    print(_load_note(loads))
    return 1 if any(row.met is False for row in rows) else 0


def _measure(target: SQLiteTarget | PostgresTarget, args: argparse.Namespace) -> list[Row]:
    try:
        database_url = target.prepare()
    except Unavailable as error:
        return _not_measured(target.label, args.experts, f"not measured: {error}")
    try:
        filled = _run_worker(database_url, "fill", "--experts", str(args.experts))
        measured = _run_worker(database_url, "measure", "--requests", str(args.requests))
    except RuntimeError as error:
        return _not_measured(target.label, args.experts, f"not measured: {error}")
    finally:
        target.cleanup()
    return _rows(target.label, args.experts, {**filled, **measured})


def _run_worker(database_url: str, *arguments: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "COPRODUCE_VAR_DIR": str(BENCH_DIR),
        "LOG_LEVEL": "ERROR",
    }
    for name in ("PYTEST_VERSION", "DEMO_RELAX_MFA", "SECRET_KEY_FILE", "DATABASE_URL_FILE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "coproduce.bench.worker", *arguments]
    try:
        done = subprocess.run(  # noqa: S603 (our own interpreter and module)
            command, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=1800
        )
    except subprocess.TimeoutExpired as error:
        raise RuntimeError("the run took over 30 minutes") from error
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the run failed ({last})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


def _load_note(loads: list[float]) -> str:
    """Times are wall-clock: other work on the machine slows them, so the report says so."""
    cpus = os.cpu_count() or 1
    note = f"\nLoad average while measuring: {max(loads):.1f} at most, on {cpus} CPUs."
    if max(loads) > cpus * 0.75:
        note += " The machine was busy, so these times are slower than it can do."
    return note


def _demo_row(database: str, experts: int) -> Row:
    return Row(
        f"demo_data, {experts:,} experts", database, f"< {DEMO_DATA_TARGET_S:.0f} s", "", "-", None
    )


def _not_measured(database: str, experts: int, note: str) -> list[Row]:
    rows = [_demo_row(database, experts)]
    for case in CASES:
        target = f"< {case.target_ms:.0f} ms" if case.target_ms else "-"
        rows.append(Row(case.name, database, target, "", "", None))
    rows.append(Row(_IMPORT_NAME, database, f"< {IMPORT_TARGET_S:.0f} s", "", "", None))
    rows.append(Row(_RUN_NAME, database, f"< {RUN_TARGET_S:.0f} s", "", "", None))
    for row in rows:
        row.median, row.queries, row.note = "-", "-", note
    return rows


def _rows(database: str, experts: int, outcome: dict) -> list[Row]:
    demo = _demo_row(database, experts)
    demo.median = seconds(outcome["demo_seconds"])
    demo.met = outcome["demo_seconds"] < DEMO_DATA_TARGET_S
    rows = [demo]
    for case, result in zip(CASES, outcome["results"], strict=True):
        row = Row(case.name, database, "-", "-", "-", None)
        if case.target_ms:
            row.target = f"< {case.target_ms:.0f} ms"
        if result["error"]:
            row.note = f"not measured: {result['error']}"
        else:
            row.median = milliseconds(result["median_ms"])
            row.queries = str(result["queries"])
            if case.target_ms:
                row.met = result["median_ms"] < case.target_ms
        rows.append(row)
    rows.append(_timed_row(_IMPORT_NAME, database, IMPORT_TARGET_S, outcome["import"]))
    rows.append(_timed_row(_RUN_NAME, database, RUN_TARGET_S, outcome["payment_run"]))
    return rows


def _timed_row(name: str, database: str, target_s: float, result: dict) -> Row:
    row = Row(name, database, f"< {target_s:.0f} s", "-", "-", None)
    if result["error"]:
        row.note = f"not measured: {result['error']}"
    else:
        row.median = seconds(result["seconds"])
        row.met = result["seconds"] < target_s
    return row


if __name__ == "__main__":
    sys.exit(main())
