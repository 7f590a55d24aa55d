"""How long the person's sign-in has left, and "Stay signed in": the two requests the
page's sign-out warning makes (static/js/session-timeout.mjs). Both answer JSON, including to
someone already signed out (401), since a script, not a person, reads them."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from coproduce.accounts.session_limits import record_activity, session_time, signed_out_response


@login_not_required
@never_cache
@require_GET
def session_status(request: HttpRequest) -> HttpResponse:
    """Seconds until this sign-in ends. Asking does not count as using the service."""
    if not request.user.is_authenticated:
        return signed_out_response(request)
    return JsonResponse(session_time(request).as_json())


@login_not_required
@never_cache
@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """Stay signed in: the idle time starts again (the 10-hour limit still stands)."""
    if not request.user.is_authenticated:
        return signed_out_response(request)
    record_activity(request, always=True)
    return JsonResponse(session_time(request).as_json())
