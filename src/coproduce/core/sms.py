"""Text messages, the way Django sends email: `send_text(to, body)` hands the message to the
backend named in settings.SMS_BACKEND.

A backend is a class with `send(messages: list[TextMessage]) -> int`. The one here prints each
text to the log and keeps it in `outbox` (as `django.core.mail.outbox` keeps emails), which is
what development and tests use; a real gateway is one more class with the same method."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Every text sent through the outbox backend since the process started (tests empty it).
outbox: list["TextMessage"] = []


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class OutboxBackend:
    """Logs each text and keeps it in `outbox`. Nothing leaves the machine."""

    def send(self, messages: list[TextMessage]) -> int:
        for message in messages:
            logger.info("Text to %s: %s", message.to, message.body)
            outbox.append(message)
        return len(messages)


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_text(to: str, body: str) -> int:
    """Sends one text; returns how many were accepted (0 or 1)."""
    if not to:
        return 0
    return get_backend().send([TextMessage(to=to, body=body)])
