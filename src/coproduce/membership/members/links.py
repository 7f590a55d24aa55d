"""The link a member is emailed to change their details or leave, without an account. It is
signed (tampering shows), lasts LINK_MINUTES, and is for one use: it carries a fingerprint of
when the member's record last changed, so once they save a change (or leave) the same link no
longer opens their record. Opening it lets that browser manage the record for the rest of the
hour (the session keeps the member and when its permission ends); the address bar then shows no
token to share by accident."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member

LINK_MINUTES = 60
LINK_SALT = "coproduce.membership.members.manage-link"
SESSION_KEY = "members_manage"

LINK_BROKEN = "This link does not work. Check you copied all of it from the email"
LINK_EXPIRED = "This link has expired. Links work for an hour after we send them"
LINK_USED = "This link has already been used. Ask for a new one to make another change"
LINK_LEFT = "You are no longer a member, so there is nothing to change"


def _fingerprint(member: Member) -> str:
    stamp = f"{member.pk}:{member.updated_at.isoformat()}:{member.status}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:12]


def link_token(member: Member) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign(f"{member.pk}:{_fingerprint(member)}")


def manage_url(member: Member) -> str:
    """The whole address to put in an email."""
    return settings.SITE_URL + reverse("members:member_manage_link", args=[link_token(member)])


@dataclass
class LinkCheck:
    member: Member | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.member is not None and not self.problem


def check_link(token: str) -> LinkCheck:
    """What a link leads to: the member, or why it cannot be used (one query)."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        value = signer.unsign(token, max_age=timedelta(minutes=LINK_MINUTES))
    except signing.SignatureExpired:
        return LinkCheck(None, LINK_EXPIRED)
    except signing.BadSignature:
        return LinkCheck(None, LINK_BROKEN)
    pk, _, fingerprint = value.partition(":")
    if not pk.isdigit():
        return LinkCheck(None, LINK_BROKEN)
    member = Member.objects.select_related("constituency").filter(pk=int(pk)).first()
    if member is None:
        return LinkCheck(None, LINK_BROKEN)
    if member.status == MemberStatus.LEFT:
        return LinkCheck(None, LINK_LEFT)
    if fingerprint != _fingerprint(member):
        return LinkCheck(None, LINK_USED)
    return LinkCheck(member)


def allow(session, member: Member, now: datetime | None = None) -> None:
    """Lets this browser manage the member's record until the hour is up."""
    until = (now or timezone.now()) + timedelta(minutes=LINK_MINUTES)
    session[SESSION_KEY] = {"member": member.pk, "until": until.isoformat()}


def allowed_member_id(session, now: datetime | None = None) -> int | None:
    found = session.get(SESSION_KEY)
    if not isinstance(found, dict):
        return None
    try:
        until = datetime.fromisoformat(found["until"])
        member_id = int(found["member"])
    except (KeyError, TypeError, ValueError):
        return None
    if (now or timezone.now()) >= until:
        return None
    return member_id


def forget(session) -> None:
    session.pop(SESSION_KEY, None)
