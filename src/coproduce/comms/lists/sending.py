"""Sending one copy of a message: an email (plain text, and HTML — in large type for the large
print and Easy Read versions) with the headers to leave the list in one click, or a text
message with the link to leave. Each returns what went wrong, in words, or "" when it went.

Large print is the same words in an email laid out in large type (28px, about 21pt, above
RNIB's 16pt minimum for large print) rather than a PDF attached: it needs no second document
written or checked, it reflows on a phone, a screen reader reads it, and the text version is
there for mail programs that show no HTML."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from coproduce.comms.lists import documents, unsubscribe
from coproduce.comms.lists.models import Delivery, Message, Version
from coproduce.core import sms

logger = logging.getLogger(__name__)

REFUSED = "The mail server refused the email address"
NOT_DELIVERED = "The email could not be sent: the mail server did not take it"
TEXT_NOT_DELIVERED = "The text message service did not take it"
NO_ADDRESS = "No email address"
NO_NUMBER = "No mobile number"


def words_for(message: Message, version: str) -> str:
    if version == Version.EASY_READ:
        return message.easy_read_body
    if version == Version.TEXT:
        return message.text_body
    return message.body


def _context(
    delivery: Delivery, message: Message, leave: str | None, attached: str | None = None
) -> dict:
    expert = delivery.expert
    if expert is not None:
        name = (expert.carer_name if delivery.to_carer else expert.display_name) or ""
    else:
        name = delivery.member.full_name if delivery.member else ""
    return {
        "attached": attached,
        "subject": message.subject,
        "name": name,
        "expert_name": expert.display_name if expert else "",
        "to_carer": delivery.to_carer,
        "to_member": delivery.member_id is not None,
        "words": words_for(message, delivery.version),
        "large": delivery.version in {Version.LARGE_PRINT, Version.EASY_READ},
        "easy_read": delivery.version == Version.EASY_READ,
        "list_name": message.mailing_list.name,
        "leave_url": leave,
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }


def _address_and_leave(delivery: Delivery, message: Message) -> tuple[str, str | None, list]:
    """Where the copy goes, the link to leave (or, for a member, to stop the trust's news),
    and the person's communication needs."""
    if delivery.member is not None:
        member = delivery.member
        leave = unsubscribe.member_url(member_id=member.pk, list_id=message.mailing_list_id)
        return member.email, leave, []
    expert = delivery.expert
    assert expert is not None  # noqa: S101  # nosec B101  # the check constraint: one is set
    if delivery.to_carer:
        # A carer is not on the list: the one-click leave would take the expert off it.
        return expert.carer_email, None, expert.communication_needs or []
    leave = unsubscribe.leave_url(expert_id=expert.pk, list_id=message.mailing_list_id)
    return expert.email, leave, expert.communication_needs or []


def send_email(delivery: Delivery, message: Message, connection) -> str:
    address, leave, needs = _address_and_leave(delivery, message)
    if not address:
        return NO_ADDRESS
    document = documents.attachment(message, delivery.version, needs)
    context = _context(delivery, message, leave, document[0] if document else None)
    subject = message.subject
    if delivery.to_carer and delivery.expert is not None:
        subject = f"Copy for {delivery.expert.display_name}: {subject}"
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("mailing/email/message.txt", context),
        to=[address],
        headers=unsubscribe.headers(leave) if leave else {},
        connection=connection,
    )
    email.attach_alternative(
        render_to_string("mailing/email/message.html", {**context, "subject": subject}), "text/html"
    )
    if document:
        email.attach(*document)
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused:
        return REFUSED
    except OSError as error:  # smtplib's errors are OSErrors; so are a dropped connection's
        # The kind of failure only: an SMTP refusal's message quotes the recipient's address.
        logger.warning("Could not send delivery %s: %s", delivery.pk, type(error).__name__)
        return NOT_DELIVERED
    return ""


def send_text(delivery: Delivery, message: Message) -> str:
    # Texts go to experts only: members get the trust's news by email.
    phone = delivery.expert.phone if delivery.expert else ""
    if not phone or delivery.expert_id is None:
        return NO_NUMBER
    leave = unsubscribe.leave_url(expert_id=delivery.expert_id, list_id=message.mailing_list_id)
    body = f"{settings.ORGANISATION_NAME}: {message.text_body}\n\nTo leave this list: {leave}"
    sent = sms.send_text(phone, body, reference=f"mailing-{delivery.pk}")
    return "" if sent else TEXT_NOT_DELIVERED
