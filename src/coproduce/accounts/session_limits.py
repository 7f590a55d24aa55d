"""How long a sign-in lasts: a person who leaves Coproduce alone for too long (staff 15 minutes,
experts 30: SESSION_IDLE_MINUTES_*), or who has been signed in for too long however busy
(SESSION_ABSOLUTE_HOURS), is signed out at their next request and told why on the sign-in page,
which sends them back to the page they asked for.

The session keeps when this sign-in began and when the person last did something. Asking how
long is left (the warning's own check) is not doing something; choosing "Stay signed in" is.
Activity is written at most every ACTIVITY_STEP seconds, so that a busy page does not write
the session on every click."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from coproduce.core.formats import count_of

SIGNED_IN_AT = "signed_in_at"
LAST_ACTIVE_AT = "last_active_at"
ACTIVITY_STEP = 30

# The warning's "how long is left" check, which must not keep the session alive.
STATUS_URL_NAME = "account_session"
EXTEND_URL_NAME = "account_session_extend"
JSON_URL_NAMES = frozenset({STATUS_URL_NAME, EXTEND_URL_NAME})


def _now() -> int:
    return int(timezone.now().timestamp())


def idle_limit(user) -> timedelta:
    minutes = (
        settings.SESSION_IDLE_MINUTES_EXPERTS
        if user.is_expert
        else settings.SESSION_IDLE_MINUTES_STAFF
    )
    return timedelta(minutes=minutes)


def absolute_limit() -> timedelta:
    return timedelta(hours=settings.SESSION_ABSOLUTE_HOURS)


@dataclass(frozen=True)
class SessionTime:
    """What the page's warning needs to know about this sign-in, in seconds."""

    seconds_left: int
    idle_seconds: int
    warning_seconds: int
    # Until the absolute limit, which no activity moves.
    absolute_seconds_left: int

    def as_json(self) -> dict[str, int]:
        return {"seconds_left": self.seconds_left, "warning_seconds": self.warning_seconds}


def session_time(request: HttpRequest) -> SessionTime:
    session, now = request.session, _now()
    idle = int(idle_limit(request.user).total_seconds())
    idle_end = session.get(LAST_ACTIVE_AT, now) + idle
    absolute_end = session.get(SIGNED_IN_AT, now) + int(absolute_limit().total_seconds())
    return SessionTime(
        seconds_left=max(0, min(idle_end, absolute_end) - now),
        idle_seconds=idle,
        warning_seconds=settings.SESSION_WARNING_SECONDS,
        absolute_seconds_left=max(0, absolute_end - now),
    )


def record_activity(request: HttpRequest, *, always: bool = False) -> None:
    now = _now()
    last = request.session.get(LAST_ACTIVE_AT)
    # A clock that went back (tests travel in time) counts as activity now.
    if always or last is None or not 0 <= now - last < ACTIVITY_STEP:
        request.session[LAST_ACTIVE_AT] = now


@receiver(user_logged_in)
def start_counting(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVE_AT] = now


def why_it_ended(request: HttpRequest) -> str | None:
    """Why this sign-in is over, in words for the person, or None while it lasts."""
    session, now = request.session, _now()
    signed_in_at = session.get(SIGNED_IN_AT)
    last_active_at = session.get(LAST_ACTIVE_AT)
    if signed_in_at is None or last_active_at is None:
        return None
    absolute = absolute_limit()
    if now - signed_in_at > absolute.total_seconds():
        hours = count_of(settings.SESSION_ABSOLUTE_HOURS, "hour")
        return (
            f"You were signed out because you had been signed in for {hours}. "
            "Sign in again to carry on."
        )
    idle = idle_limit(request.user)
    if now - last_active_at > idle.total_seconds():
        minutes = count_of(int(idle.total_seconds() // 60), "minute")
        return (
            f"You were signed out because you had not used this service for {minutes}. "
            "Sign in again to carry on."
        )
    return None


def _page_asked_for(request: HttpRequest) -> str:
    """For htmx, the page the person is on (the request itself is for a part of it)."""
    current = request.headers.get("HX-Current-URL", "")
    if current:
        parts = urlsplit(current)
        if parts.netloc == request.get_host() and parts.path.startswith("/"):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def signed_out_response(request: HttpRequest) -> HttpResponse:
    login_url = reverse("account_login")
    match = request.resolver_match
    if match is not None and match.url_name in JSON_URL_NAMES:
        return JsonResponse(
            {"seconds_left": 0, "warning_seconds": settings.SESSION_WARNING_SECONDS},
            status=401,
        )
    login = redirect_to_login(_page_asked_for(request), login_url=login_url)
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Redirect"] = login["Location"]
        return response
    return login


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        session = request.session
        if session.get(SIGNED_IN_AT) is None:
            # A session from before these limits: count from now.
            session[SIGNED_IN_AT] = session[LAST_ACTIVE_AT] = _now()
        reason = why_it_ended(request)
        if reason:
            logout(request)
            messages.info(request, reason)
            return signed_out_response(request)
        match = request.resolver_match
        if match is None or match.url_name != STATUS_URL_NAME:
            record_activity(request)
        # For the warning on the page about to be drawn (includes/session_warning.jinja).
        request.session_time = session_time(request)
        return None
