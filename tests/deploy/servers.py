"""Real processes for the deployment tests: gunicorn, `manage.py worker` and `manage.py
scheduler` started through deploy/entrypoint with production settings, each on 127.0.0.1 and a
free port, each stopped by its own process id when the test module ends."""

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "deploy" / "entrypoint"
HOST = "127.0.0.1"
REDIS_URL = os.environ.get("DEPLOY_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def require_postgresql_and_redis(settings_dict: dict) -> None:
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("Several processes sharing one database need PostgreSQL (DATABASE_URL).")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis at {REDIS_URL}: the processes share their cache through it.")


def database_url(settings_dict: dict, *, port: int | None = None) -> str:
    """The test database as a DATABASE_URL, optionally through another port (a proxy)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = port or settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def production_environment(tmp: Path, **extra: str) -> dict[str, str]:
    """What a trust sets, and nothing that marks a test run (PYTEST_VERSION)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "DJANGO_SETTINGS_MODULE"}
        and not k.endswith("_FILE")
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "REDIS_URL": REDIS_URL,
            "COPRODUCE_VAR_DIR": str(tmp / "var"),
            "STATIC_ROOT": str(tmp / "static"),
            "EMAIL_HOST": HOST,
            "WEB_CONCURRENCY": "1",
            "WORKER_HEARTBEAT_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),  # so that a worker can import tests' own tasks
        }
    )
    env.update(extra)
    return env


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        return self.popen.returncode


@dataclass
class Processes:
    """Starts processes through deploy/entrypoint and stops every one of them at the end."""

    tmp: Path
    started: list[Process] = field(default_factory=list)

    def start(self, role: str, env: dict[str, str], *args: str, name: str = "") -> Process:
        name = name or role
        log = self.tmp / f"{name}-{len(self.started)}.log"
        with log.open("wb") as handle:
            popen = subprocess.Popen(  # noqa: S603 - our own script
                [str(ENTRYPOINT), role, *args],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        process = Process(name, popen, log)
        self.started.append(process)
        return process

    def web(self, env: dict[str, str], name: str = "web") -> "Web":
        port = free_port()
        process = self.start("web", {**env, "PORT": str(port), "HOST": HOST}, name=name)
        web = Web(process, f"http://{HOST}:{port}")
        web.wait_until_up()
        return web

    def stop_all(self) -> None:
        # All asked at once, then waited for: each takes a few seconds to stop gracefully.
        for process in self.started:
            if process.alive():
                process.popen.send_signal(signal.SIGTERM)
        for process in self.started:
            process.stop()


@dataclass
class Web:
    process: Process
    url: str

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.process.alive():
                raise RuntimeError(f"{self.process.name} stopped:\n{self.process.output()}")
            try:
                requests.get(self.url + "/health/live/", timeout=10)
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.3)
        raise RuntimeError(f"{self.process.name} did not answer:\n{self.process.output()}")

    def ready(self) -> requests.Response:
        return requests.get(self.url + "/health/ready/", timeout=15)


def wait_for(condition, timeout: float, every: float = 0.25):
    """Polls until `condition()` is true; returns its last value either way."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(every)
        value = condition()
    return value


class Visitor:
    """A browser as far as these tests need one: cookies kept by hand (production marks them
    Secure, and requests would not send a Secure cookie over http://), and every request
    marked as coming through the trust's HTTPS proxy (X-Forwarded-Proto)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, data: dict | None = None) -> requests.Response:
        origin = re.match(r"https?://[^/]+", url).group(0).replace("http://", "https://")
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, url, data=data, headers=headers, allow_redirects=False, timeout=30
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, url: str) -> requests.Response:
        return self.request("GET", url)

    def post_form(self, url: str, data: dict) -> requests.Response:
        """Opens the form first, as a person would, for its CSRF token."""
        page = self.get(url)
        assert page.status_code == 200, f"{url} gave {page.status_code}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", url, {"csrfmiddlewaretoken": token, **data})


class TCPProxy:
    """A TCP forwarder between the servers and PostgreSQL: closing it is the database going
    away (a network fault) without harming the database the test process itself uses."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(50)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    @property
    def is_open(self) -> bool:
        return self._listener is not None

    def close(self) -> None:
        if self._listener is not None:
            # shutdown() wakes the thread blocked in accept(), which frees the port.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection((HOST, self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
