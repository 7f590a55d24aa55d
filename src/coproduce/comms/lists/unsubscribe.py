"""The link in each message to leave its list: signed for one person and one list, so that it
works without signing in (a mail program's one-click unsubscribe posts to it, RFC 8058) and
can do nothing but take that person off that list. It does not expire: a message read a year
later must still let its reader leave."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "coproduce.mailing.leave"


def leave_token(*, expert_id: int, list_id: int) -> str:
    return signing.dumps([expert_id, list_id], salt=SALT, compress=False)


def read_leave_token(token: str) -> tuple[int, int] | None:
    """(expert id, list id) from a token we signed; None for anything else."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return None
    return value[0], value[1]


def leave_url(*, expert_id: int, list_id: int) -> str:
    token = leave_token(expert_id=expert_id, list_id=list_id)
    return settings.SITE_URL + reverse("mailing:mailing_leave_link", args=[token])


def headers(url: str) -> dict[str, str]:
    """The headers that let mail programs show their own "Unsubscribe" and do it in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
