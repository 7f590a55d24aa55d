"""Shared by the invitation tests: reading answer links back out of the emails sent."""

import re

from django.core import mail

LINK = re.compile(r"https?://\S+/invitations/answer/(?P<token>[^/\s?]+)/\?answer=(?P<answer>\w+)")


def links_in(message) -> dict[str, str]:
    """{"accept": token, "decline": token, ...} from one email's plain text."""
    body = message.body if hasattr(message, "body") else message.get_body(("plain",)).get_content()
    return {m["answer"]: m["token"] for m in LINK.finditer(body)}


def token_sent_to(email: str) -> str:
    """The token in the latest email to this address."""
    for message in reversed(mail.outbox):
        if email in message.to:
            found = links_in(message)
            return next(iter(found.values()))
    raise AssertionError(f"No email with a link went to {email}")
