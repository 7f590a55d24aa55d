"""The development email backend: prints each message to the terminal and keeps a copy in
var/outbox so the development-only outbox page can show it."""

import uuid

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class OutboxBackend(ConsoleBackend):
    def send_messages(self, email_messages):
        count = super().send_messages(email_messages)
        outbox = settings.OUTBOX_DIR
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{uuid.uuid4().hex}.eml"
            (outbox / name).write_bytes(message.message().as_bytes())
        return count
