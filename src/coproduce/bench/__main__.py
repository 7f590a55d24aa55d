"""python -m coproduce.bench: fills each throwaway database, measures, prints the table.

On PostgreSQL it also runs the load run (load.py): the production server under many people
at once. `--load-only` fills PostgreSQL and runs only that, for trying it quickly on a small
demo (`--experts 500 --load-seconds 20`). Exits with 1 when a target is missed, so that a
script can tell.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from coproduce.bench.admin_case import ADMIN_CASES, admin_rows
from coproduce.bench.badges_case import BADGES, BADGES_TARGET_S
from coproduce.bench.cases import CASES, DEMO_DATA_TARGET_S
from coproduce.bench.comms_case import (
    PREVIEW_NAME,
    PREVIEW_TARGET_MS,
    QUEUE_NAME,
    QUEUE_TARGET_S,
    SEND_NAME,
)
from coproduce.bench.databases import PostgresTarget, SQLiteTarget, Unavailable
from coproduce.bench.election_case import count_row
from coproduce.bench.impact_case import REPORT_NAME, REPORT_TARGET_S, sizes_line
from coproduce.bench.import_case import IMPORT_ROWS, IMPORT_TARGET_S
from coproduce.bench.load import (
    LOAD_SECONDS,
    LOAD_USERS,
    P95_TARGET_MS,
    LoadResult,
    run_load,
    what_went_wrong,
)
from coproduce.bench.poll_case import POLL_VOTERS, PollResult, poll_rows, run_poll
from coproduce.bench.report import Row, milliseconds, seconds, table
from coproduce.bench.run_case import RUN_CLAIMS, RUN_TARGET_S
from coproduce.bench.shortlist_case import shortlist_rows

BASE_DIR = Path(__file__).resolve().parents[3]
BENCH_DIR = BASE_DIR / "var" / "bench"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/coproduce_bench"
_IMPORT_NAME = f"import a {IMPORT_ROWS:,}-row spreadsheet"
_RUN_NAME = f"payment run of {RUN_CLAIMS:,} claims, made and exported"
_BADGES_NAME = f"{BADGES} photo ID badges on A4 sheets, in the background"
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
    parser.add_argument(
        "--load-only", action="store_true", help="fill PostgreSQL and run only the load run"
    )
    parser.add_argument("--no-load", action="store_true", help="leave out the load run")
    parser.add_argument("--load-users", type=int, default=LOAD_USERS)
    parser.add_argument("--load-seconds", type=int, default=LOAD_SECONDS)
    args = parser.parse_args()
    if args.load_only:
        args.only = "postgres"
    targets: dict[str, SQLiteTarget | PostgresTarget] = {
        "sqlite": SQLiteTarget(BENCH_DIR / "bench.sqlite3"),
        "postgres": PostgresTarget(args.postgres_url),
    }
    if not args.load_only:
        print(
            f"Measuring with {args.experts:,} demo experts: the median of {args.requests} "
            "requests after 3 warm-ups, signed in as a coordinator.",
            flush=True,
        )
    if not args.no_load and args.only != "sqlite":
        print(
            f"The load run: {args.load_users} people at once for {args.load_seconds} s against "
            f"gunicorn with 2 workers and PostgreSQL, locust on the same machine.",
            flush=True,
        )
    rows: list[Row] = []
    sizes: list[str] = []  # what each database held when its pages were timed
    loads = [_load()]
    for key, target in targets.items():
        if args.only in (None, key):
            print(f"  {target.label}: filling and measuring...", flush=True)
            rows += _measure(target, args, sizes)
            loads.append(_load())
    if not args.load_only:
        rows.append(count_row())
    print()
    print(table(rows))
    if sizes:
        print("\nMeasured at this scale: " + " ".join(sizes))
    print(_load_note(loads))
    return 1 if any(row.met is False for row in rows) else 0


def _measure(
    target: SQLiteTarget | PostgresTarget, args: argparse.Namespace, sizes: list[str]
) -> list[Row]:
    try:
        database_url = target.prepare()
    except Unavailable as error:
        return _not_measured(target.label, args.experts, f"not measured: {error}")
    load = None
    poll = None
    try:
        filled = _run_worker(database_url, "fill", "--experts", str(args.experts))
        if args.load_only:
            return [_demo_row(target.label, args.experts, filled)] + _load_rows(
                target.label, _run_load(database_url, args)
            )
        measured = _run_worker(database_url, "measure", "--requests", str(args.requests))
        if "sizes" in measured:
            sizes.append(sizes_line(target.label, measured["sizes"]))
            print(f"  {sizes[-1]}", flush=True)
        # After the pages and before the import and the payment run, so that the load meets
        # the 20,000-expert demo and the pages are timed on a database it has not changed.
        if isinstance(target, PostgresTarget) and not args.no_load:
            load = _run_load(database_url, args)
            poll = _run_poll(database_url)
        written = _run_worker(database_url, "writes")
    except RuntimeError as error:
        return _not_measured(target.label, args.experts, f"not measured: {error}")
    finally:
        target.cleanup()
    rows = _rows(target.label, args.experts, {**filled, **measured, **written})
    rows += _load_rows(target.label, load) if load else []
    return rows + (poll_rows(target.label, poll) if poll else [])


def _run_poll(database_url: str) -> PollResult:
    print(f"  poll: {POLL_VOTERS:,} votes on the production server...", flush=True)

    def run_worker(*arguments: str, env: dict[str, str]) -> dict:
        return _run_worker(database_url, *arguments, env=env)

    return run_poll(_worker_env(database_url), BASE_DIR, run_worker)


def _run_load(database_url: str, args: argparse.Namespace) -> LoadResult:
    def make_plan(env: dict[str, str], path: str) -> dict:
        per_role = str(args.load_users)
        return _run_worker(database_url, "plan", "--per-role", per_role, "--out", path, env=env)

    print(f"  load run: {args.load_users} people for {args.load_seconds} s...", flush=True)
    load = run_load(
        _worker_env(database_url),
        BASE_DIR,
        make_plan,
        users=args.load_users,
        seconds=args.load_seconds,
    )
    for what, count in load.failures:  # each kind of error once, with how often it happened
        print(f"  load run error, {count} times: {what}", flush=True)
    return load


def _worker_env(database_url: str) -> dict[str, str]:
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
    return env


def _run_worker(database_url: str, *arguments: str, env: dict[str, str] | None = None) -> dict:
    env = env or _worker_env(database_url)
    command = [sys.executable, "-m", "coproduce.bench.worker", *arguments]
    try:
        done = subprocess.run(  # noqa: S603 (our own interpreter and module)
            command, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=1800
        )
    except subprocess.TimeoutExpired as error:
        raise RuntimeError("the run took over 30 minutes") from error
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"the run failed ({what_went_wrong(done.stderr)})")
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


def _demo_row(database: str, experts: int, outcome: dict | None = None) -> Row:
    row = Row(
        f"demo_data, {experts:,} experts", database, f"< {DEMO_DATA_TARGET_S:.0f} s", "", "-", None
    )
    if outcome is not None:
        row.median = seconds(outcome["demo_seconds"])
        row.met = outcome["demo_seconds"] < DEMO_DATA_TARGET_S
    return row


def _load_rows(database: str, load: LoadResult) -> list[Row]:
    """The load run's figures; the targets are on the 95th percentile and the errors."""
    what = f"load, {load.users} people for {load.seconds} s"
    rows = [
        Row(f"{what}: p50", database, "-", _ms(load.p50_ms), "-", None),
        Row(f"{what}: p95", database, f"< {P95_TARGET_MS:.0f} ms", _ms(load.p95_ms), "-", None),
        Row(f"{what}: p99", database, "-", _ms(load.p99_ms), "-", None),
        Row(f"{what}: requests/s", database, "-", _per_second(load.rps), "-", None),
        Row(f"{what}: errors", database, "0", f"{load.errors} of {load.requests:,}", "-", None),
    ]
    if load.error:
        for row in rows:
            row.note = f"not measured: {load.error}"
        return rows
    rows[1].met = load.p95_ms is not None and load.p95_ms < P95_TARGET_MS
    rows[4].met = load.errors == 0 and load.requests > 0
    for page, p95, count in load.slowest:
        rows.append(Row(f"  slow under load: {page} ({count})", database, "-", _ms(p95), "-", None))
    return rows


def _ms(value: float | None) -> str:
    return milliseconds(value) if value is not None else "-"


def _per_second(value: float | None) -> str:
    return f"{value:,.1f}/s" if value is not None else "-"


def _not_measured(database: str, experts: int, note: str) -> list[Row]:
    rows = [_demo_row(database, experts)]
    for case in CASES:
        target = f"< {case.target_ms:.0f} ms" if case.target_ms else "-"
        rows.append(Row(case.name, database, target, "", "", None))
        if case.name in ADMIN_CASES:
            rows += admin_rows(database, {"name": case.name, "error": "-"}, None)
    rows.append(Row(REPORT_NAME, database, f"< {REPORT_TARGET_S:.0f} s", "", "", None))
    rows.append(Row(_IMPORT_NAME, database, f"< {IMPORT_TARGET_S:.0f} s", "", "", None))
    rows.append(Row(_RUN_NAME, database, f"< {RUN_TARGET_S:.0f} s", "", "", None))
    for row in rows:
        row.median, row.queries, row.note = "-", "-", note
    return rows


def _rows(database: str, experts: int, outcome: dict) -> list[Row]:
    rows = [_demo_row(database, experts, outcome)]
    admin = iter(outcome.get("admin") or [])
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
        # Django admin's changelist under the register's two rows, in the same order.
        if case.name in ADMIN_CASES:
            rows += admin_rows(database, result, next(admin, None))
    rows += shortlist_rows(database, outcome.get("shortlists") or {"count": 0})
    if "report_pdf" in outcome:
        rows.append(_timed_row(REPORT_NAME, database, REPORT_TARGET_S, outcome["report_pdf"]))
    rows.append(_timed_row(_IMPORT_NAME, database, IMPORT_TARGET_S, outcome["import"]))
    rows.append(_timed_row(_RUN_NAME, database, RUN_TARGET_S, outcome["payment_run"]))
    if "badges" in outcome:
        rows.append(_timed_row(_BADGES_NAME, database, BADGES_TARGET_S, outcome["badges"]))
    if "mailing" in outcome:
        rows += _mailing_rows(database, outcome["mailing"])
    return rows


def _mailing_rows(database: str, mailing: dict) -> list[Row]:
    """The check before sending a message to every expert (a page), then queueing it."""
    preview = mailing["preview"]
    row = Row(PREVIEW_NAME, database, f"< {PREVIEW_TARGET_MS:.0f} ms", "-", "-", None)
    if preview["error"]:
        row.note = f"not measured: {preview['error']}"
    else:
        row.median = milliseconds(preview["median_ms"])
        row.queries = str(preview["queries"])
        row.met = preview["median_ms"] < PREVIEW_TARGET_MS
    queued = _timed_row(QUEUE_NAME, database, QUEUE_TARGET_S, mailing["queue"])
    if not mailing["queue"]["error"]:
        queued.note = f"{mailing['queue']['recipients']:,} recipients"
    rows = [row, queued]
    if "send_seconds" in mailing["queue"]:
        sent = mailing["queue"]
        # No target: how fast the worker renders, sends and records each copy.
        rows.append(
            Row(
                SEND_NAME,
                database,
                "-",
                seconds(sent["send_seconds"]),
                "-",
                None,
                f"{sent['sent']:,} copies, {sent['per_second']:,} a second",
            )
        )
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
