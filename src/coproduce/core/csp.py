"""The Content-Security-Policy nonce of an answer, for pages and error pages alike."""

from typing import Any

from django.http import HttpRequest


def csp_nonce(request: Any) -> str:
    """This answer's Content-Security-Policy nonce, for the one inline script NHS.UK's page
    template writes (its `cspNonce`). Reading it is what puts the nonce in the header. Empty
    when there is no request (emails, PDFs): nothing there is run by a browser."""
    if not isinstance(request, HttpRequest) or not hasattr(request, "csp_nonce"):
        return ""
    return str(request.csp_nonce)
