"""The email with a member's personal survey link (text and HTML). Members are written to only
as they asked: by email if they want email; those who want post get a letter from the
membership office instead (queries.wanting_letters)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from coproduce.core.formats import long_date
from coproduce.membership.members.models import Member
from coproduce.membership.surveys.links import link_token
from coproduce.membership.surveys.models import Survey

logger = logging.getLogger(__name__)


def office_email() -> str:
    """Where members write with a question: the membership office's address when it is set."""
    return settings.MEMBERSHIP_OFFICE_EMAIL or settings.INVOLVEMENT_TEAM_EMAIL


def link_for(survey: Survey, member: Member) -> str:
    return settings.SITE_URL + reverse("surveys:survey_answer", args=[link_token(survey, member)])


def send_link(survey: Survey, member: Member, questions: int) -> bool:
    """Emails the member their personal link; False when the email could not be sent."""
    context = {
        "name": member.full_name,
        "title": survey.title,
        "introduction": survey.introduction,
        "questions": questions,
        "closes": long_date(survey.closes_on),
        "link": link_for(survey, member),
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": office_email(),
    }
    subject = f"Tell us what you think: {survey.title}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("surveys/email/ask.txt", context),
        to=[member.email],
    )
    message.attach_alternative(
        render_to_string("surveys/email/ask.html", {**context, "subject": subject}), "text/html"
    )
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send survey %s link: %s", survey.pk, type(error).__name__)
        return False
    return True
