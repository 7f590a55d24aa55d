"""Error pages. The 400, CSRF and 500 pages use `errors/layout.jinja`, which needs nothing
but settings: no database, no session, no signed-in user. They are shown when those are what
failed (the database is down, the request was refused before sign-in ran)."""

import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape

from coproduce.core.csp import csp_nonce
from coproduce.core.request_log import current_request_id

logger = logging.getLogger(__name__)


def permission_denied(request, exception=None):
    return render(request, "403.jinja", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.jinja", status=404)


def _standalone(template: str, status: int, request, context: dict | None = None) -> HttpResponse:
    # Rendered without the request, so that nothing on the page can reach the session or user;
    # only its Content-Security-Policy nonce, for NHS.UK's inline script.
    html = render_to_string(
        template,
        {"request_id": current_request_id(), "cspNonce": csp_nonce(request), **(context or {})},
    )
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _standalone("400.jinja", 400, request)


def csrf_failure(request, reason=""):
    return _standalone("403_csrf.jinja", 403, request)


# The last resort if even the 500 template cannot be made (a template or static-files fault):
# the same words, with no layout.
_FALLBACK_500 = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, there is a problem with the service</title></head>
<body><main id="maincontent">
<h1>Sorry, there is a problem with the service</h1>
<p>Try again later.</p>
<p>If you were filling in a form, what you sent may not have been saved.</p>
<p>Reference: {request_id}</p>
</main></body></html>"""


def server_error(request):
    try:
        return _standalone("500.jinja", 500, request)
    except Exception:
        logger.exception("The error page could not be made; the plain one was sent")
        request_id = escape(current_request_id() or "")
        return HttpResponseServerError(_FALLBACK_500.format(request_id=request_id))
