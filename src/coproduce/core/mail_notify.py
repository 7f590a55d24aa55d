"""Email through GOV.UK Notify (https://www.notifications.service.gov.uk), chosen with
EMAIL_BACKEND=coproduce.core.mail_notify.NotifyEmailBackend.

Notify sends only from templates made in its web dashboard, so the service needs one email
template whose subject is `((subject))` and whose message is `((body))`; its id is
NOTIFY_EMAIL_TEMPLATE_ID, and NOTIFY_API_KEY is the same key texts use
(coproduce.core.sms_notify). What Notify sends is therefore narrower than an SMTP email:

- the words are the message's plain-text body, which Notify lays out in its own (accessible)
  design; an HTML alternative (our large-print layout) is not sent;
- it comes from the service's own address in Notify, not DEFAULT_FROM_EMAIL; replies go to the
  reply-to address whose id is NOTIFY_EMAIL_REPLY_TO_ID (or the service's default);
- Notify takes one address a time, so each person in to, cc and bcc gets their own email;
- a `List-Unsubscribe` header with an https link (coproduce.comms.lists.unsubscribe) becomes
  Notify's one-click unsubscribe link; other headers are dropped;
- attachments cannot go with a template email (Notify's own file sending gives a download link,
  and only for some file types: not a calendar entry). An invitation's calendar entry is a
  convenience whose date, time and place are in the words too, so it is left off; a message with
  any other attachment is not sent at all rather than sent without it: it counts as not sent,
  with a warning.

A message counts as sent when Notify accepted it for every one of its recipients. A refusal, or
Notify not answering in time, is logged with its status and kind of error only (never the
address, the subject or the words: all are personal). Unless `fail_silently`, the backend then
raises NotSentThroughNotify, an OSError as smtplib's errors are, so every caller that already
copes with a mail server being down copes with Notify in the same way."""

import logging
import re
import uuid
from collections.abc import Sequence
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from coproduce.core.sms_notify import _error_kinds

logger = logging.getLogger(__name__)

# The personalisation fields of the Notify template: subject `((subject))`, body `((body))`.
SUBJECT_FIELD = "subject"
BODY_FIELD = "body"
# Emails go from a background worker: a Notify outage should cost each email seconds, not the
# client's default half a minute.
TIMEOUT_SECONDS = 10


class NotSentThroughNotify(OSError):
    """Notify refused an email, could not be reached, or could not carry it (an attachment)."""


CALENDAR = "text/calendar"


def _content_type(attachment: Any) -> str:
    """The type of an attachment, as attach() was given it: a MIME part, or a tuple of file
    name, content and type."""
    if hasattr(attachment, "get_content_type"):
        return attachment.get_content_type()
    return (attachment[2] or "").split(";")[0].strip().lower()


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        api_key = getattr(settings, "NOTIFY_API_KEY", "")
        self.template_id = getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", "")
        if not api_key or not self.template_id:
            raise ImproperlyConfigured(
                "Set NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID to send email through GOV.UK "
                "Notify."
            )
        self.reply_to_id = getattr(settings, "NOTIFY_EMAIL_REPLY_TO_ID", "") or None
        options: dict = {"timeout": TIMEOUT_SECONDS}
        if getattr(settings, "NOTIFY_BASE_URL", ""):
            options["base_url"] = settings.NOTIFY_BASE_URL
        self.client = NotificationsAPIClient(api_key, **options)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue  # as Django's SMTP backend: nothing to send, nothing sent
            # Not personal: it ties our log lines to Notify's record (and its receipts).
            reference = f"email-{uuid.uuid4().hex[:12]}"
            if self._send(message, reference):
                sent += 1
            elif not self.fail_silently:
                raise NotSentThroughNotify(f"GOV.UK Notify did not send email {reference}")
        return sent

    def _send(self, message: EmailMessage, reference: str) -> bool:
        """True when Notify accepted the message for all its recipients."""
        addresses = _addresses(message)
        others = [a for a in message.attachments if _content_type(a) != CALENDAR]
        if others:
            logger.warning(
                "GOV.UK Notify cannot send attachments: email %s not sent (%d attached)",
                reference,
                len(others),
            )
            return False
        unsubscribe_url = _one_click_unsubscribe_url(message)
        accepted = 0
        for address in addresses:
            try:
                response = self.client.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={SUBJECT_FIELD: message.subject, BODY_FIELD: message.body},
                    reference=reference,
                    email_reply_to_id=self.reply_to_id,
                    one_click_unsubscribe_url=unsubscribe_url,
                )
            except APIError as error:
                # Notify's own words can quote what it was sent, so only the status and the
                # kind of error are kept (e.g. 400 ValidationError, 503 for a timeout).
                logger.warning(
                    "GOV.UK Notify did not send email %s: %s %s",
                    reference,
                    error.status_code,
                    _error_kinds(error) or "(no error named)",
                )
                continue
            logger.debug(
                "GOV.UK Notify accepted email %s as %s",
                reference,
                (response or {}).get("id", "?"),
            )
            accepted += 1
        return accepted == len(addresses)


def _addresses(message: EmailMessage) -> list[str]:
    """Each address in to, cc and bcc once, without a display name (Notify takes bare ones)."""
    found: dict[str, str] = {}
    for recipient in message.recipients():
        address = parseaddr(recipient)[1] or recipient
        found.setdefault(address.lower(), address)
    return list(found.values())


def _one_click_unsubscribe_url(message: EmailMessage) -> str | None:
    """The https link of the message's List-Unsubscribe header (RFC 2369), if it has one."""
    for name, value in message.extra_headers.items():
        if str(name).lower() == "list-unsubscribe":
            for url in re.findall(r"<([^>]+)>", str(value)):
                if url.startswith("https://"):
                    return url
    return None
