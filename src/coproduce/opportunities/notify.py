"""Telling experts about their invitations: an email in plain words with the meeting's
details (as plain text, and as simple large-print HTML), a calendar entry (.ics) attached and
links to answer; and a short text as well when text is how they asked to be contacted. Each
function returns what went wrong, in words, or "" when the person was told."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coproduce.core import sms
from coproduce.core.formats import long_date, short_date, time_of_day
from coproduce.opportunities.answer_links import LINK_DAYS
from coproduce.opportunities.ics import description, session_calendar, where
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.pay import fee_for, pay_words
from coproduce.people.choices import Channel

logger = logging.getLogger(__name__)

NO_CONTACT = "There is no email address or mobile number to send it to"
NOT_DELIVERED = "The email could not be sent. Try again later"
NOT_CONTACTED_RESTRICTED = "Not sent: they asked us to restrict how we use their information"


def answer_url(token: str, answer: str = "") -> str:
    url = settings.SITE_URL + reverse("opportunities:invitation_answer", args=[token])
    return f"{url}?answer={answer}" if answer else url


@dataclass
class Details:
    """The meeting as the email and the answer page describe it."""

    invitation: Invitation

    @property
    def session(self):
        return self.invitation.session

    @property
    def opportunity(self):
        return self.invitation.session.opportunity

    @property
    def venue(self):
        return self.session.venue or self.opportunity.venue

    @property
    def title(self) -> str:
        return self.opportunity.title

    @property
    def day(self) -> str:
        return long_date(self.session.starts_at)

    @property
    def times(self) -> str:
        return f"{time_of_day(self.session.starts_at)} to {time_of_day(self.session.ends_at)}"

    @property
    def where(self) -> str:
        return where(self.session)

    @property
    def payment(self) -> str:
        """What the expert is paid for the meeting: the same answer as the claim will give."""
        paid = self.opportunity.paid
        return pay_words(fee_for(self.opportunity, self.session) if paid else None, paid=paid)

    @property
    def name(self) -> str:
        return self.invitation.expert.display_name


def _calendar_part(invitation: Invitation, *, cancelled: bool) -> MIMEText:
    content = session_calendar(
        invitation.session,
        cancelled=cancelled,
        attendee_email=invitation.expert.email,
        attendee_name=invitation.expert.full_name,
    )
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "CANCEL" if cancelled else "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
    return part


def _send(
    invitation: Invitation,
    *,
    template: str,
    subject: str,
    text: str,
    context: dict,
    cancelled: bool = False,
) -> str:
    expert = invitation.expert
    if expert.restricted_at is not None or expert.erased_at is not None:
        # Restricted (UK GDPR article 18): no email or text at all until it is lifted.
        return NOT_CONTACTED_RESTRICTED
    wants_text = expert.preferred_channel == Channel.TEXT and bool(expert.phone)
    if not expert.email and not wants_text:
        return NO_CONTACT
    details = Details(invitation)
    context = {
        "d": details,
        "description": description(invitation.session),
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
        **context,
    }
    texted = (
        sms.send_text(expert.phone, text, reference=f"invitation-{invitation.pk}")
        if wants_text
        else 0
    )
    if not expert.email:
        return "" if texted else NOT_DELIVERED
    body = render_to_string(f"opportunities/email/{template}.txt", context)
    # The same words as HTML too, laid out for reading on a phone: large text and links that
    # are big buttons. Mail apps show it; those that cannot show HTML fall back to the text.
    html = render_to_string(f"opportunities/email/{template}.html", {**context, "subject": subject})
    message = EmailMultiAlternatives(subject=subject, body=body, to=[expert.email])
    message.attach_alternative(html, "text/html")
    message.attach(_calendar_part(invitation, cancelled=cancelled))
    try:
        message.send()
    except OSError as error:
        # The kind of failure only: an SMTP refusal's message quotes the recipient's address.
        logger.warning(
            "Could not send %s to invitation %s: %s", template, invitation.pk, type(error).__name__
        )
        return NOT_DELIVERED
    return ""


def _links(token: str) -> dict:
    return {
        "accept_url": answer_url(token, "accept"),
        "decline_url": answer_url(token, "decline"),
        "cancel_url": answer_url(token, "cancel"),
    }


def _link_end(invitation: Invitation) -> str:
    ends = timezone.now() + timedelta(days=LINK_DAYS)
    if ends >= invitation.session.starts_at:
        return "when the meeting starts"
    return f"on {short_date(ends)}"


def send_invitation(invitation: Invitation, token: str) -> str:
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_new",
        subject=f"Invitation: {d.title}, {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: you are invited to {d.title} on {d.day} at "
            f"{time_of_day(invitation.session.starts_at)}. Say yes or no here: {answer_url(token)}"
        ),
        context={**_links(token), "link_end": _link_end(invitation)},
    )


def send_place_given(invitation: Invitation, token: str) -> str:
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_place",
        subject=f"You have a place: {d.title}, {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: a place came up and it is yours. {d.title} on "
            f"{d.day} at {time_of_day(invitation.session.starts_at)}. "
            f"If you cannot come: {answer_url(token, 'cancel')}"
        ),
        context={**_links(token), "link_end": _link_end(invitation)},
    )


def send_session_changed(invitation: Invitation, token: str) -> str:
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_changed",
        subject=f"Changed: {d.title}, now {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: {d.title} has changed. It is now on {d.day} at "
            f"{time_of_day(invitation.session.starts_at)}, {d.where}. Details: {answer_url(token)}"
        ),
        context={**_links(token), "link_end": _link_end(invitation)},
    )


def send_session_cancelled(invitation: Invitation) -> str:
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_cancelled",
        subject=f"Cancelled: {d.title}, {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: {d.title} on {d.day} is cancelled. "
            "Sorry. We will be in touch."
        ),
        context={},
        cancelled=True,
    )


def send_withdrawn(invitation: Invitation) -> str:
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_withdrawn",
        subject=f"Invitation cancelled: {d.title}, {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: we have cancelled your invitation to {d.title} on "
            f"{d.day}. Sorry. Contact us if you have questions: {settings.INVOLVEMENT_TEAM_EMAIL}"
        ),
        context={},
        cancelled=True,
    )


def send_place_cancelled(invitation: Invitation) -> str:
    """The team has cancelled the expert's place (or taken them off the waiting list)."""
    d = Details(invitation)
    return _send(
        invitation,
        template="invitation_place_cancelled",
        subject=f"Your place is cancelled: {d.title}, {d.day}",
        text=(
            f"{settings.ORGANISATION_NAME}: we have cancelled your place at {d.title} on "
            f"{d.day}. Sorry. Contact us if you have questions: {settings.INVOLVEMENT_TEAM_EMAIL}"
        ),
        context={},
        cancelled=True,
    )
