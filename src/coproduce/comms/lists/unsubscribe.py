"""The link in each message to leave its list: signed for one person and one list, so that it
works without signing in (a mail program's one-click unsubscribe posts to it, RFC 8058) and
can do nothing but take that person off that list. It does not expire: a message read a year
later must still let its reader leave.

A Foundation Trust member who gets the trust's news through a list has no account and is not
on the list by name: their link (signed with a salt of its own, so neither kind of link can be
passed off as the other) stops the trust's news to that member, and does nothing else."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "coproduce.mailing.leave"
MEMBER_SALT = "coproduce.mailing.member_news"


def leave_token(*, expert_id: int, list_id: int) -> str:
    return signing.dumps([expert_id, list_id], salt=SALT, compress=False)


def read_leave_token(token: str, salt: str = SALT) -> tuple[int, int] | None:
    """(expert id, list id) from a token we signed; None for anything else. With MEMBER_SALT,
    (member id, list id) from a member's token."""
    try:
        value = signing.loads(token, salt=salt)
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


def member_token(*, member_id: int, list_id: int) -> str:
    return signing.dumps([member_id, list_id], salt=MEMBER_SALT, compress=False)


def read_member_token(token: str) -> tuple[int, int] | None:
    """(member id, list id) from a member's token we signed; None for anything else."""
    return read_leave_token(token, salt=MEMBER_SALT)


def member_url(*, member_id: int, list_id: int) -> str:
    token = member_token(member_id=member_id, list_id=list_id)
    return settings.SITE_URL + reverse("mailing:member_news_stop", args=[token])


def headers(url: str) -> dict[str, str]:
    """The headers that let mail programs show their own "Unsubscribe" and do it in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
