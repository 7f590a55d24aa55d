"""Feedback links: the email asking an expert how a session went has a link to the form that
works without signing in. Each link is signed (tampering shows), is for that one place, expires
after LINK_DAYS, and works until the place is answered (by the link or in the portal); after
that it says so. Answering is in services.answer_feedback."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from coproduce.impact.feedback.models import FeedbackRequest

LINK_DAYS = 30
LINK_SALT = "coproduce.impact.feedback.answer-link"

LINK_BROKEN = "This link does not work. Check you copied all of it from the email"
LINK_EXPIRED = "This link has expired"
ALREADY_ANSWERED = "You have already told us about this meeting. Thank you."


def link_token(request: FeedbackRequest) -> str:
    """The token that goes in the link for this request (signed with the time it was made)."""
    return signing.TimestampSigner(salt=LINK_SALT).sign(str(request.pk))


@dataclass
class LinkCheck:
    """What a feedback link leads to: the request, and a problem if it cannot be used."""

    request: FeedbackRequest | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.request is not None and not self.problem


def check_link(token: str) -> LinkCheck:
    signer = signing.TimestampSigner(salt=LINK_SALT)
    expired = False
    try:
        value = signer.unsign(token, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        expired = True
        value = signer.unsign(token)
    except signing.BadSignature:
        return LinkCheck(None, LINK_BROKEN)
    if not value.isdigit():
        return LinkCheck(None, LINK_BROKEN)
    request = (
        FeedbackRequest.objects.select_related(
            "invitation__expert", "invitation__session__opportunity"
        )
        .filter(pk=int(value))
        .first()
    )
    if request is None:
        return LinkCheck(None, LINK_BROKEN)
    if request.answered:
        return LinkCheck(request, ALREADY_ANSWERED)
    if expired:
        return LinkCheck(request, LINK_EXPIRED)
    return LinkCheck(request)
