"""One log line per request, and a request id on every log line written while it is answered.

The line says what happened without saying who it happened to: the route's pattern and name
(never the path or its query string: register searches carry names there, and some paths carry
secrets such as password-reset keys), the status, the time taken, and the signed-in user's id
and role. No names, email addresses, phone numbers, form values or IP addresses: the proxy in
front of the service keeps addresses if the trust needs them.

A request id comes from the proxy's `X-Request-ID` header when it looks like a token, or is made
here; it goes back on the response and on the error page, so a person who reports a problem can
quote it and the team can find every line about that request.
"""

import hashlib
import hmac
import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

logger = logging.getLogger("coproduce.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id (nginx's $request_id, a UUID, a load balancer's trace id) fits this; anything
# longer or with other characters might be a way to write into our logs, so we make our own.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def request_id_from(header: str | None) -> str:
    if header and _SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def route_of(request) -> tuple[str | None, str | None]:
    """The URL pattern (e.g. "experts/<int:pk>/") and its name, or Nones when nothing matched."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None, None
    return match.route or None, match.view_name or None


def _user_seen(request):
    """The user this request already loaded (or signed in, or out), or None. Reading
    `request.user` here would load the session and the user for requests that never needed
    them (static files, health checks), and would fail again when the database is down."""
    user = request.__dict__.get("user")
    if type(user) is SimpleLazyObject:
        user = user._wrapped
        return None if user is empty else user
    return user


class RequestLogMiddleware:
    """Goes first in MIDDLEWARE, so that it times the whole answer and sees every response,
    including the error pages made when something inside fails."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self.log(request, response, time.perf_counter() - started)
            return response
        finally:
            _request_id.reset(token)

    def log(self, request, response, seconds: float) -> None:
        route, view = route_of(request)
        user = _user_seen(request)
        if user is None:
            user_id, role = None, None
        elif user.is_authenticated:
            user_id, role = user.pk, getattr(user, "role", None)
        else:
            user_id, role = None, "anonymous"
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s",
            request.method,
            view or route or "(no route)",
            status,
            extra={
                "method": request.method,
                "route": route,
                "view": view,
                "status": status,
                # For a streamed download this is the time to the first byte.
                "duration_ms": round(seconds * 1000, 1),
                "streamed": response.streaming,
                "user_id": user_id,
                "role": role,
            },
        )


class RequestContextFilter(logging.Filter):
    """On the handler: adds the request id to every record, and takes out what Django attaches
    to its own request records (the whole request object, and the path in the message)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = record.__dict__.pop("request", None)
        if getattr(record, "request_id", None) is None:
            # Django logs a 5xx after every middleware has returned, when the id has left
            # the context: the request it attaches still carries it.
            record.request_id = _request_id.get() or getattr(request, "request_id", None)
        if request is not None and isinstance(record.args, tuple):
            # django.request and django.security write "Not Found: /path"; a path can carry a
            # password-reset key or an invitation's signed token, so the route stands in for it.
            path = getattr(request, "path", None)
            route, view = route_of(request)
            stand_in = view or route or "(no route)"
            record.args = tuple(stand_in if arg == path else arg for arg in record.args)
        return True


# PostgreSQL quotes the values behind a failed constraint ("Key (email)=(jo@example.net)
# already exists"); a traceback in the logs keeps the column and drops the value.
_CONSTRAINT_DETAIL = re.compile(r"(Key \([^)]*\)=)\(.*?\)( already exists| is not present)")


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger's formatter, with constraint values taken out of tracebacks."""

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        text = super().formatException(ei)
        # A list only when set to give tracebacks as one, which settings.LOGGING does not.
        whole = text if isinstance(text, str) else "\n".join(text)
        return _CONSTRAINT_DETAIL.sub(r"\1(…)\2", whole)


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """How django-axes names a client in its log lines, instead of the email address and IP
    it would otherwise write on every failed sign-in. A keyed hash still lets the team see
    that repeated failures are against one account, without the address being in the logs."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, (username or "").lower().encode(), hashlib.sha256).hexdigest()
    return f"account {digest[:12]}"
