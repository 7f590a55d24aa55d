"""Answer links: experts answer an invitation from the email without signing in. Each link is
signed (tampering shows), expires after LINK_DAYS or when the meeting starts, and works once;
the invitation keeps only a hash of the link's secret, and a newer link replaces an older one.
What answering does is in services/invitations.py (answer_by_link)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils import timezone

from coproduce.opportunities.choices import InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation

LINK_DAYS = 14
LINK_SALT = "coproduce.opportunities.answer-link"

ALREADY_HAPPENED = "This meeting has already happened"
SESSION_CANCELLED = "This meeting has been cancelled"
LINK_BROKEN = "This link does not work. Check you copied all of it from the email"
LINK_REPLACED = (
    "This link has been replaced by a newer one. Use the link in the latest email we sent you"
)
LINK_EXPIRED = "This link has expired"
ALREADY_ANSWERED = "You have already answered"
INVITATION_WITHDRAWN = "This invitation has been cancelled"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_answer_link(*, invitation: Invitation) -> str:
    """A new link secret for this invitation, replacing any earlier one. Returns the token
    that goes in the link; only its hash is stored."""
    secret = secrets.token_urlsafe(24)
    Invitation.objects.filter(pk=invitation.pk).update(
        answer_token_hash=_hash(secret), answer_token_used_at=None
    )
    invitation.answer_token_hash = _hash(secret)
    invitation.answer_token_used_at = None
    return signing.TimestampSigner(salt=LINK_SALT).sign(f"{invitation.pk}.{secret}")


@dataclass
class LinkCheck:
    """What an answer link leads to: the invitation, and a problem if it cannot be used.
    `invitation` is set whenever the link is genuine, so the page can show the meeting."""

    invitation: Invitation | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.invitation is not None and not self.problem


def check_answer_link(token: str, *, for_update: bool = False) -> LinkCheck:
    signer = signing.TimestampSigner(salt=LINK_SALT)
    expired = False
    try:
        value = signer.unsign(token, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        expired = True
        value = signer.unsign(token)
    except signing.BadSignature:
        return LinkCheck(None, LINK_BROKEN)
    pk, _, secret = value.partition(".")
    if not pk.isdigit() or not secret:
        return LinkCheck(None, LINK_BROKEN)
    invitations = Invitation.objects.select_related(
        "expert", "session__opportunity", "session__venue", "session__opportunity__venue"
    )
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=int(pk)).first()
    if invitation is None:
        return LinkCheck(None, LINK_BROKEN)
    if not invitation.answer_token_hash or not hmac.compare_digest(
        invitation.answer_token_hash, _hash(secret)
    ):
        return LinkCheck(invitation, LINK_REPLACED)
    if invitation.answer_token_used_at is not None:
        return LinkCheck(invitation, ALREADY_ANSWERED)
    session = invitation.session
    if session.status == SessionStatus.CANCELLED:
        return LinkCheck(invitation, SESSION_CANCELLED)
    if session.starts_at <= timezone.now():
        return LinkCheck(invitation, ALREADY_HAPPENED)
    if invitation.status == InvitationStatus.CANCELLED:
        return LinkCheck(invitation, INVITATION_WITHDRAWN)
    if expired:
        return LinkCheck(invitation, LINK_EXPIRED)
    return LinkCheck(invitation)
