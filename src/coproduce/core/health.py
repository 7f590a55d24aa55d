"""What the liveness and readiness URLs check, and the middleware that answers them.

The middleware answers the two health paths before sessions, sign-in, CSRF and the host check:
a load balancer probes by IP address (a Host header not in ALLOWED_HOSTS) over plain HTTP,
carries no cookies, and must get the same answer whoever is signed in. The URLs are also in
the URLconf (and public), so that they are named and the permission matrix lists them."""

import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch, resolve, reverse

logger = logging.getLogger(__name__)

OK, FAILING = "ok", "failing"

# Migrations only change with a deploy, which restarts every process: once they are all
# applied, there is no need to read the migration graph on every probe.
_migrations_applied = False


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # A broken persistent connection would fail every later probe: start a new one.
        connection.close()
        return False


def migrations_applied() -> bool:
    global _migrations_applied  # noqa: PLW0603 - one flag per process, on purpose
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def cache_reachable() -> bool:
    key = "health:probe:" + secrets.token_hex(8)
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        seen = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - each cache backend raises its own connection errors
        return False
    return seen == value


def worker_needed() -> bool:
    """Only the database task backend needs a separate worker; tests run tasks at once."""
    backend = settings.TASKS["default"]["BACKEND"]
    return backend == "django_tasks_db.backend.DatabaseBackend"


def worker_seen() -> bool:
    from coproduce.core.heartbeat import worker_seen_recently

    return worker_seen_recently()


def readiness() -> dict[str, str]:
    """Each check, ok or failing. Without the database, the checks that read it fail too."""
    checks: dict[str, str] = {}
    database = database_reachable()
    checks["database"] = OK if database else FAILING
    try:
        checks["migrations"] = OK if database and migrations_applied() else FAILING
    except DatabaseError:
        checks["migrations"] = FAILING
    checks["cache"] = OK if cache_reachable() else FAILING
    if worker_needed():
        try:
            checks["worker"] = OK if database and worker_seen() else FAILING
        except DatabaseError:
            checks["worker"] = FAILING
    failing = sorted(name for name, state in checks.items() if state != OK)
    if failing:
        # Named only: the error itself could carry a host name or a password.
        logger.warning("Not ready: %s", ", ".join(failing))
    return checks


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._matches: dict[str, ResolverMatch] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._matches is None:
            paths = (reverse("health_live"), reverse("health_ready"))
            self._matches = {path: resolve(path) for path in paths}
        match = self._matches.get(request.path_info)
        if match is not None and request.method in {"GET", "HEAD"}:
            # As URL resolution would have set it: the request log names the route.
            request.resolver_match = match
            return match.func(request)
        return self.get_response(request)
