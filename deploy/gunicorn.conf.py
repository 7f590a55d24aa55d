"""gunicorn's settings for Coproduce: `python -m gunicorn -c deploy/gunicorn.conf.py
coproduce.wsgi` (deploy/entrypoint web does this). Read from the environment like the rest.

Each request is logged once, as a JSON line, by the application itself; gunicorn's own access
log would repeat it with the query string (register searches name people), so it is off."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        message = f"Coproduce cannot start: {name} must be a whole number, not {value!r}"
        raise SystemExit(message) from None


# Importable without installing the project (the repository's .venv, or a container that
# copied the source).
pythonpath = str(ROOT / "src")
wsgi_app = "coproduce.wsgi:application"

bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{_int('PORT', 8000)}"]  # noqa: S104 - in a container
# Synchronous workers: pages are quick and database-bound. Two per core is the usual start;
# set WEB_CONCURRENCY to what the machine's memory allows (each worker holds the app).
workers = _int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1))
worker_class = "sync"
# Load the app once before forking: workers start faster and share memory, and a missing
# setting stops the server with one line instead of every worker failing to boot in turn.
preload_app = True
# The slowest request allowed (a large export, a payment run) before the worker is replaced.
timeout = _int("WEB_TIMEOUT", 60)
# On SIGTERM, requests in progress get this long to finish.
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
# Behind the trust's proxy or load balancer, which keeps connections open between requests.
keepalive = 5
# Replace each worker now and then, so a slow leak never becomes an outage; the jitter stops
# every worker restarting at once.
max_requests = _int("WEB_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-Proto; Django reads it (SECURE_PROXY_SSL_HEADER). Trust
# it from any address: the web process is only reachable through the proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# A container's /tmp may be on disk; the heartbeat files workers touch belong in memory.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
capture_output = False
proc_name = "coproduce-web"
# gunicorn 25+ opens a control socket in the user's home by default: two servers on one
# machine would share its path, and a container's home may be read-only. Not used here.
control_socket_disable = True
