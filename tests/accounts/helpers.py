"""Sign-in helpers: real authenticator-app codes worked out with allauth's own TOTP code."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"  # what tests.factories.UserFactory sets


def totp_code(secret: str, *, periods_from_now: int = 0) -> str:
    """The code an authenticator app would show now for this secret. Near the end of a 30-second
    period it waits for the next one, as a person would, so the code is still current when the
    server checks it (allauth accepts only the current period)."""
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_from_now))


def wrong_totp_code(secret: str) -> str:
    """A code no authenticator app would accept now, nor one period either side."""
    accepted = {totp_code(secret, periods_from_now=n) for n in (-1, 0, 1)}
    return next(code for code in (str(d) * 6 for d in range(10)) if code not in accepted)


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def link_in(message) -> str:
    """The first web address on a line of its own in an email."""
    return re.search(r"^https?://\S+$", message.body, re.MULTILINE).group(0)
