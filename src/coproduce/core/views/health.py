"""Liveness and readiness, for a load balancer, a container engine or a monitor. The bodies
name each check and its state, and nothing else: no versions, host names or errors."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coproduce.core.health import OK, readiness


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    """The process answers. Touches nothing else, so a database fault never restarts it."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """200 when this process can serve people (database, migrations, cache, a task worker
    seen lately), otherwise 503 so the load balancer sends them elsewhere."""
    checks = readiness()
    ready = all(state == OK for state in checks.values())
    return JsonResponse(
        {"status": OK if ready else "failing", "checks": checks}, status=200 if ready else 503
    )
