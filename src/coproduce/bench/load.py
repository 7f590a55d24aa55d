"""The load run: the production server (gunicorn, 2 workers, DEBUG off, collected static files
with the manifest, Redis as the shared cache) on loopback, against the filled PostgreSQL
database, with locust playing many distinct people at once (load_users.py) for a few minutes.

It reports the 50th, 95th and 99th percentile response times over every request, the
requests per second, the errors (any answer other than 2xx or 3xx, or a form refused) and the
slowest pages by their 95th percentile. The load tool runs on the same machine as the server,
so it takes some of the CPU the server would have: the figures are on the slow side."""

import contextlib
import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LOAD_USERS = 50
LOAD_SECONDS = 180
P95_TARGET_MS = 300.0
WORKERS = 2
# Redis's database 5: the cache the two web processes share, as in a multi-process deployment.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
SLOWEST = 5
_HERE = Path(__file__).resolve().parent


@dataclass
class LoadResult:
    users: int
    seconds: int
    requests: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    rps: float | None = None
    errors: int = 0
    # (page, p95 in ms, requests), slowest first
    slowest: list[tuple[str, float, int]] = field(default_factory=list)
    # (what, how often): why requests failed
    failures: list[tuple[str, int]] = field(default_factory=list)
    error: str = ""  # the run itself could not be made


def run_load(
    env: dict[str, str],
    base_dir: Path,
    make_plan: Callable[[dict[str, str], str], dict],
    *,
    users: int = LOAD_USERS,
    seconds: int = LOAD_SECONDS,
) -> LoadResult:
    """`env` is the worker's environment (database, secret key, production settings);
    `make_plan(env, path)` writes the load plan for `users` people of each role."""
    result = LoadResult(users, seconds)
    try:
        with production_server(env, base_dir, "load") as served:
            plan = served.folder / "plan.json"
            make_plan(served.env, str(plan))
            locust = served.folder / "locust"
            try:
                _run_locust(served.env, base_dir, served.port, plan, locust, users, seconds)
                _read_stats(locust, result)
            finally:
                # Kept so that the server's log and locust's failures can be read.
                served.keep = bool(result.errors)
    except RuntimeError as error:
        result.error = str(error)
    return result


@dataclass
class Served:
    port: int
    folder: Path
    env: dict[str, str]
    keep: bool = False  # keep the folder after (the block's run went wrong)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def production_server(env: dict[str, str], base_dir: Path, what: str):
    """The production server on a free loopback port, for as long as the block runs (a
    `Served`: its port, the run's own folder and the server's environment). The static files
    are collected into the folder and Redis's database 5 is emptied first; the folder is
    removed after, unless the block failed or set `keep`, so that the server's log is read."""
    folder = Path(tempfile.mkdtemp(prefix=f"coproduce-{what}-"))
    port = _free_port()
    env = {
        **env,
        # The production settings as a trust runs them; the static files are collected into
        # the run's own folder, not the checkout's.
        "STATIC_ROOT": str(folder / "static"),
        # Every request logged as production logs it (into the run's own folder).
        "LOG_LEVEL": "INFO",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": REDIS_URL,
    }
    server = None
    served = Served(port, folder, env)
    try:
        _run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env, base_dir)
        _flush_cache(env, base_dir)
        server = _start_server(env, base_dir, port, folder / "gunicorn.log")
        _wait_until_up(port, server, folder / "gunicorn.log")
        yield served
    except BaseException:
        served.keep = True
        raise
    finally:
        if server is not None:
            _stop(server)
        if served.keep:
            print(f"  {what} run files kept in {folder}", file=sys.stderr, flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], env: dict[str, str], cwd: Path, timeout: int = 600) -> None:
    done = subprocess.run(  # noqa: S603 (our own interpreter and modules)
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"{' '.join(command[1:3])} failed ({what_went_wrong(done.stderr)})")


def _flush_cache(env: dict[str, str], cwd: Path) -> None:
    """Redis's database 5 is the bench's alone: figures cached by an earlier run must not
    answer for this database."""
    code = "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()"
    try:
        _run([sys.executable, "-c", code, REDIS_URL], env, cwd, timeout=30)
    except RuntimeError as error:
        raise RuntimeError(f"Redis is not reachable at {REDIS_URL}") from error


def _server_command(base_dir: Path, port: int) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "coproduce.wsgi:application"]
    config = base_dir / "deploy" / "gunicorn.conf.py"
    if config.exists():  # the deployment's own settings, with the bench's size and address
        command += ["--config", str(config)]
    return command + ["--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]


def _start_server(env: dict[str, str], base_dir: Path, port: int, log: Path):
    with open(log, "w") as out:
        return subprocess.Popen(  # noqa: S603 (our own interpreter and modules)
            _server_command(base_dir, port),
            env=env,
            cwd=base_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_until_up(port: int, server: subprocess.Popen, log: Path) -> None:
    """Until a page answers 200 (the accessibility statement, which needs no sign-in)."""
    request = urllib.request.Request(  # noqa: S310 (our own loopback server)
        f"http://127.0.0.1:{port}/accessibility/", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {_last_line(log)}")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310  # the bench's own address  # nosec B310
                if answer.status == 200:
                    return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"the server answered {error.code}: {_last_line(log)}") from error
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 60 seconds")


def _last_line(log: Path) -> str:
    return what_went_wrong(log.read_text(errors="replace") if log.exists() else "")


def what_went_wrong(output: str) -> str:
    """The line of a process's output that says what went wrong: a traceback's last exception
    ("django.db.utils.ProgrammingError: column … does not exist"), not the SQL, source or caret
    lines printed under it; otherwise its last line that starts at the margin."""
    lines = [line for line in output.splitlines() if line.strip() and not line[0].isspace()]
    raised = [line for line in lines if re.match(r"[\w.]+: ", line)]
    return (raised or lines or ["no output"])[-1]


def _run_locust(
    env: dict[str, str], cwd: Path, port: int, plan: Path, prefix: Path, users: int, seconds: int
) -> None:
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(_HERE / "load_users.py"),
        "--headless",
        "--users",
        str(users),
        # Everyone has started within five seconds, as at the start of a working day.
        "--spawn-rate",
        str(max(1, users // 5)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    locust_env = {**env, "BENCH_LOAD_PLAN": str(plan)}
    with open(f"{prefix}.log", "w") as out:
        try:
            done = subprocess.run(  # noqa: S603 (our own interpreter and modules)
                command,
                env=locust_env,
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=seconds + 120,
            )
        except subprocess.TimeoutExpired as error:
            raise RuntimeError("locust did not stop") from error
    # locust exits with 1 when any request failed: the failures are counted, not fatal.
    if done.returncode not in (0, 1) or not Path(f"{prefix}_stats.csv").exists():
        raise RuntimeError(f"locust failed ({_last_line(Path(f'{prefix}.log'))})")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:  # "N/A" for a page never requested
        return None


def _read_stats(prefix: Path, result: LoadResult) -> None:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    pages = []
    for row in rows:
        if row["Name"] == "Aggregated":
            result.requests = int(row["Request Count"])
            result.errors = int(row["Failure Count"])
            result.p50_ms = _number(row["50%"])
            result.p95_ms = _number(row["95%"])
            result.p99_ms = _number(row["99%"])
            result.rps = _number(row["Requests/s"])
        elif (p95 := _number(row["95%"])) is not None:
            label = row["Name"] if row["Type"] in ("GET", "") else f"{row['Type']} {row['Name']}"
            pages.append((label.removesuffix(" (POST)"), p95, int(row["Request Count"])))
    result.slowest = sorted(pages, key=lambda page: -page[1])[:SLOWEST]
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures, newline="") as lines:
            result.failures = [
                (
                    f"{f['Method']} {f['Name'].removesuffix(' (POST)')}: {f['Error']}",
                    int(f["Occurrences"]),
                )
                for f in csv.DictReader(lines)
            ]


def _stop(server: subprocess.Popen) -> None:
    """Our own server's process group only: gunicorn's master and its two workers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
