"""Text messages, the way Django sends email: `send_text(to, body)` hands the message to the
backend named in settings.SMS_BACKEND.

A backend is a class with `send(messages: list[TextMessage]) -> int` that returns how many
texts the gateway accepted and never raises for a text it could not send: callers count a
0 as "not reached". The one here prints each text to the log and keeps it in `outbox` (as
`django.core.mail.outbox` keeps emails), which is what development and tests use; GOV.UK Notify
is `coproduce.core.sms_notify.NotifyBackend`."""

import logging
from collections import deque
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# The latest texts sent through the outbox backend (tests empty it); bounded, so that a
# long-running process never grows without end.
outbox: deque["TextMessage"] = deque(maxlen=500)


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str
    # Our own id for the text (e.g. "invitation-42"), so a gateway's delivery receipts can be
    # matched to it. Never personal data: gateways show it in their dashboards.
    reference: str = ""


class OutboxBackend:
    """For development and tests: keeps each text in `outbox`. Nothing leaves the machine.
    The log says only that a text was kept: its number and words are personal, and logs are
    copied to places the register is not."""

    def send(self, messages: list[TextMessage]) -> int:
        for message in messages:
            logger.debug("Text %s kept in the outbox", message.reference or "(no reference)")
            outbox.append(message)
        return len(messages)


class NoGatewayBackend:
    """Where no text gateway is set up: sends nothing and says so, so that the people who
    prefer texts show as not reached rather than silently told."""

    def send(self, messages: list[TextMessage]) -> int:
        if messages:
            logger.warning("No text message gateway is set up: %d text(s) not sent", len(messages))
        return 0


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_text(to: str, body: str, *, reference: str = "") -> int:
    """Sends one text; returns how many were accepted (0 or 1)."""
    if not to:
        return 0
    return get_backend().send([TextMessage(to=to, body=body, reference=reference)])
