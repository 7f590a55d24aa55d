"""Text messages through GOV.UK Notify (https://www.notifications.service.gov.uk).

Notify sends only from templates made in its web dashboard, so the service needs one text
message template whose whole content is `((body))`; its id is NOTIFY_SMS_TEMPLATE_ID, and each
text we send fills `body` with our message. NOTIFY_API_KEY is a key made on the same service
("Team and guest list" while testing, "Live" in production).

A text Notify refuses, or cannot be reached for, is logged (without the number or the message:
both are personal, and the message says which health service someone is involved with) and
counted as not sent, so the person shows as not reached, as with the other backends."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from coproduce.core.sms import TextMessage

logger = logging.getLogger(__name__)

# The personalisation field of the Notify template, whose content is exactly `((body))`.
BODY_FIELD = "body"
# Texts go from a background worker one person at a time: a Notify outage should cost each
# text seconds, not the client's default half a minute.
TIMEOUT_SECONDS = 10


class NotifyBackend:
    def __init__(self) -> None:
        api_key = getattr(settings, "NOTIFY_API_KEY", "")
        self.template_id = getattr(settings, "NOTIFY_SMS_TEMPLATE_ID", "")
        if not api_key or not self.template_id:
            raise ImproperlyConfigured(
                "Set NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID to send texts through GOV.UK Notify."
            )
        options: dict = {"timeout": TIMEOUT_SECONDS}
        if getattr(settings, "NOTIFY_BASE_URL", ""):
            options["base_url"] = settings.NOTIFY_BASE_URL
        self.client = NotificationsAPIClient(api_key, **options)

    def send(self, messages: list[TextMessage]) -> int:
        sent = 0
        for message in messages:
            try:
                response = self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=self.template_id,
                    personalisation={BODY_FIELD: message.body},
                    reference=message.reference or None,
                )
            except APIError as error:
                # Notify's own words can quote what it was sent, so only the status and the
                # kind of error are kept (e.g. 400 ValidationError, 503 for a timeout).
                logger.warning(
                    "GOV.UK Notify did not send text %s: %s %s",
                    message.reference or "(no reference)",
                    error.status_code,
                    _error_kinds(error) or "(no error named)",
                )
                continue
            logger.debug(
                "GOV.UK Notify accepted text %s as %s",
                message.reference or "(no reference)",
                (response or {}).get("id", "?"),
            )
            sent += 1
        return sent


def _error_kinds(error: APIError) -> str:
    """The `error` names of Notify's reply (never its messages), or "" when there is none."""
    try:
        errors = error.response.json()["errors"]  # type: ignore[union-attr]
        kinds = {item["error"] for item in errors}
    except (AttributeError, KeyError, TypeError, ValueError):
        return ""
    # Names like "ValidationError" only: anything else in that field is not ours to log.
    return ", ".join(sorted(k for k in kinds if isinstance(k, str) and k.isidentifier()))
