"""Delivery receipts from GOV.UK Notify: when email goes through Notify
(coproduce.core.mail_notify), Notify posts what became of each email to the address set on the
service's "Callbacks" page, with the bearer token chosen there (NOTIFY_CALLBACK_TOKEN). An email
Notify could not deliver marks the person's latest mailing list email bounced, with the reason in
plain words, as the record_bounce command does for a mail server's bounce report.

Without NOTIFY_CALLBACK_TOKEN the address does not exist (404). Notify signs nothing else, so
the token is the whole permission, and all it can do is mark an email to an address bounced.
Nothing personal is logged: a receipt is named by Notify's id for the email."""

import hmac
import json
import logging
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from coproduce.comms.lists import services

logger = logging.getLogger(__name__)

# Notify's words for an email it gave up on, and what the delivery page says instead.
BOUNCE_REASONS = {
    "permanent-failure": "The address does not exist",
    "temporary-failure": "The inbox was full or unavailable",
}
NOTIFICATION_TYPES = {"email", "sms", "letter"}
NOT_A_RECEIPT = "This is not a GOV.UK Notify delivery receipt."


# No CSRF token: Notify's servers post it. The bearer token is the permission.
@csrf_exempt
def notify_receipt(request: HttpRequest) -> HttpResponse:
    expected = settings.NOTIFY_CALLBACK_TOKEN
    if not expected:
        raise Http404
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        return HttpResponse("Not allowed.", status=403, content_type="text/plain")
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    receipt = _read(request.body)
    if receipt is None:
        return HttpResponse(NOT_A_RECEIPT, status=400, content_type="text/plain")
    status, kind = receipt["status"], receipt["notification_type"]
    if kind == "email" and status in BOUNCE_REASONS:
        marked = services.record_bounce(address=receipt["to"], reason=BOUNCE_REASONS[status])
        logger.info(
            "GOV.UK Notify could not deliver email %s (%s): %d marked bounced",
            receipt["id"],
            status,
            marked,
        )
    elif status == "technical-failure":
        # Notify's own fault, not the address's: nothing to mark against the person.
        logger.warning("GOV.UK Notify had a technical failure sending %s %s", kind, receipt["id"])
    return HttpResponse(status=204)


def _read(body: bytes) -> dict[str, str] | None:
    """The fields we use of Notify's receipt, or None for anything that is not one."""
    try:
        receipt = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return None
    fields = ("id", "status", "notification_type", "to")
    if not isinstance(receipt, dict) or not all(isinstance(receipt.get(f), str) for f in fields):
        return None
    if receipt["notification_type"] not in NOTIFICATION_TYPES:
        return None
    try:
        uuid.UUID(receipt["id"])  # Notify's ids are; it is logged, so nothing else may be
    except ValueError:
        return None
    return {field: receipt[field] for field in fields}
