"""The email (and text, for those who prefer texts) asking an expert how a session went, with
a link to answer without signing in. Nobody restricted, erased or who has left is contacted,
as with every other mailing."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from coproduce.core import sms
from coproduce.core.formats import long_date
from coproduce.impact.feedback.links import LINK_DAYS, link_token
from coproduce.impact.feedback.models import FeedbackRequest
from coproduce.people.choices import Channel

logger = logging.getLogger(__name__)

NOT_CONTACTED = "Not sent: we may not contact them"
NO_ADDRESS = "Not sent: there is no email address or mobile number"
NOT_DELIVERED = "The email could not be sent"


def link_for(request: FeedbackRequest) -> str:
    return settings.SITE_URL + reverse("feedback:feedback_link", args=[link_token(request)])


def send_request(request: FeedbackRequest) -> str:
    """Asks the expert by email (and text, if they prefer texts); returns what went wrong, or
    "" when they were asked."""
    expert = request.invitation.expert
    if not expert.may_be_contacted:
        return NOT_CONTACTED
    wants_text = expert.preferred_channel == Channel.TEXT and bool(expert.phone)
    if not expert.email and not wants_text:
        return NO_ADDRESS
    session = request.invitation.session
    title = session.opportunity.title
    day = long_date(session.starts_at)
    link = link_for(request)
    texted = 0
    if wants_text:
        texted = sms.send_text(
            expert.phone,
            f"{settings.ORGANISATION_NAME}: thank you for coming to {title} on {day}. "
            f"How did it go? Tell us here: {link}",
            reference=f"feedback-{request.pk}",
        )
    if not expert.email:
        return "" if texted else NOT_DELIVERED
    context = {
        "name": expert.display_name,
        "title": title,
        "day": day,
        "link": link,
        "days": LINK_DAYS,
        "portal": settings.SITE_URL + reverse("opportunities:my_involvement"),
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }
    subject = f"How did it go? {title} on {day}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("feedback/email/ask.txt", context),
        to=[expert.email],
    )
    message.attach_alternative(
        render_to_string("feedback/email/ask.html", {**context, "subject": subject}), "text/html"
    )
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send feedback request %s: %s", request.pk, type(error).__name__)
        return NOT_DELIVERED
    return ""
