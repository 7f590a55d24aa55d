"""Personal survey links: the email to each member has a link to the survey that works without
an account. The link is signed (tampering shows), names one member and one survey, expires
after LINK_DAYS, and works while the survey is open (to the end of its closing date) and until
that member has answered; after that it says why, and nothing is saved."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member
from coproduce.membership.surveys.models import Response, Survey

LINK_DAYS = 90
LINK_SALT = "coproduce.membership.surveys.answer-link"

LINK_BROKEN = "This link does not work. Check you copied all of it from the email"
LINK_EXPIRED = "This link has expired"
SURVEY_CLOSED = "This survey has closed"
NOT_OPEN = "This survey is not open yet"
ALREADY_ANSWERED = "You have already answered this survey. Thank you."
NOT_A_MEMBER = "This survey is for current members of the trust"


def link_token(survey: Survey, member: Member) -> str:
    """The token in the member's personal link (signed with the time it was made)."""
    return signing.TimestampSigner(salt=LINK_SALT).sign(f"{survey.pk}.{member.pk}")


@dataclass
class LinkCheck:
    """What a link leads to: the survey and member, and a problem if it cannot be used."""

    survey: Survey | None
    member: Member | None = None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.survey is not None and self.member is not None and not self.problem


def _ids(value: str) -> tuple[int, int] | None:
    parts = value.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1])


def check_link(token: str) -> LinkCheck:
    """Reads a link: three queries at most (the survey, the member, whether they answered)."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    expired = False
    try:
        value = signer.unsign(token, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        expired = True
        value = signer.unsign(token)
    except signing.BadSignature:
        return LinkCheck(None, problem=LINK_BROKEN)
    ids = _ids(value)
    if ids is None:
        return LinkCheck(None, problem=LINK_BROKEN)
    survey = Survey.objects.filter(pk=ids[0]).first()
    member = Member.objects.filter(pk=ids[1]).first()
    if survey is None or member is None:
        return LinkCheck(None, problem=LINK_BROKEN)
    if Response.objects.filter(survey=survey, member=member).exists():
        return LinkCheck(survey, member, ALREADY_ANSWERED)
    if survey.is_draft:
        return LinkCheck(survey, member, NOT_OPEN)
    if not survey.taking_answers:
        return LinkCheck(survey, member, SURVEY_CLOSED)
    if expired:
        return LinkCheck(survey, member, LINK_EXPIRED)
    if member.status != MemberStatus.MEMBER:
        return LinkCheck(survey, member, NOT_A_MEMBER)
    return LinkCheck(survey, member)
