"""Text messages, the way Django sends email: `send_text(to, body)` hands the message to the
backend named in settings.SMS_BACKEND.

A backend is a class with `send(messages: list[TextMessage]) -> int` that returns how many
texts the gateway accepted and never raises for a text it could not send: callers count a
0 as "not reached". The one here prints each text to the log and keeps it in `outbox` (as
`django.core.mail.outbox` keeps emails), which is what development and tests use; GOV.UK Notify
is `coproduce.core.sms_notify.NotifyBackend`."""

import json
import logging
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
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
    copied to places the register is not.

    With DEBUG on it also writes each text to the outbox folder, as the email backend does:
    the task worker sends most texts, and the development outbox page, in the web process,
    lists them from there."""

    def send(self, messages: list[TextMessage]) -> int:
        for message in messages:
            logger.debug("Text %s kept in the outbox", message.reference or "(no reference)")
            outbox.append(message)
            if settings.DEBUG:
                _write_to_outbox_folder(message)
        return len(messages)


@dataclass(frozen=True)
class KeptText:
    to: str
    body: str
    sent_at: datetime


def _texts_folder():
    return settings.OUTBOX_DIR / "texts"


def _write_to_outbox_folder(message: TextMessage) -> None:
    folder = _texts_folder()
    folder.mkdir(parents=True, exist_ok=True)
    kept = {"to": message.to, "body": message.body, "sent_at": timezone.now().isoformat()}
    (folder / f"{uuid.uuid4().hex}.json").write_text(json.dumps(kept), encoding="utf-8")


def kept_texts(limit: int = 50) -> list[KeptText]:
    """The latest texts written to the outbox folder (development only), newest first."""
    folder = _texts_folder()
    if not folder.exists():
        return []
    latest = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    texts = []
    for path in latest[:limit]:
        kept = json.loads(path.read_text(encoding="utf-8"))
        texts.append(
            KeptText(
                to=kept["to"],
                body=kept["body"],
                sent_at=datetime.fromisoformat(kept["sent_at"]),
            )
        )
    texts.sort(key=lambda text: text.sent_at, reverse=True)
    return texts


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
