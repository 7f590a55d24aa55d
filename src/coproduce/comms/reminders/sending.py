"""Sending one reminder the way the person asked: an email (in Easy Read words for those who
need them, a copy to their carer when they asked for one) or a text. Phone calls and letters are
for the team: nothing is sent, and the reminder says why. Each function returns how it went
("email", "text") and what was not sent, in words."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from coproduce.core import sms
from coproduce.people.choices import Channel, CommunicationNeed

logger = logging.getLogger(__name__)

NOT_CONTACTED = "Not sent: we may not contact them"
BY_PHONE = "Not sent: they prefer a phone call"
BY_POST = "Not sent: they prefer a letter"
NO_EMAIL = "Not sent: there is no email address"
NO_PHONE = "Not sent: there is no mobile number"
NOT_DELIVERED = "The email could not be sent"


@dataclass(frozen=True)
class Message:
    """One reminder's words. `template` names `reminders/email/<template>.txt` (and
    `<template>_easy.txt`, its Easy Read version); `carer_context` is what a carer's copy may
    say (the title of confidential work left out)."""

    subject: str
    template: str
    context: dict
    text: str
    carer_context: dict | None = None


@dataclass(frozen=True)
class Result:
    how: str
    not_sent: str


def _base() -> dict:
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }


def _email(to: str, subject: str, template: str, context: dict) -> bool:
    context = {**_base(), **context, "subject": subject}
    body = render_to_string(f"reminders/email/{template}.txt", context)
    html = render_to_string("reminders/email/reminder.html", {**context, "body": body})
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        # The kind of failure only: an SMTP refusal quotes the address.
        logger.warning("Could not send a reminder: %s", type(error).__name__)
        return False
    return True


def to_expert(expert, message: Message, *, reference: str) -> Result:
    """Sends the reminder to the expert by the channel they prefer."""
    if not expert.may_be_contacted:
        return Result("", NOT_CONTACTED)
    needs = set(expert.communication_needs or [])
    channel = expert.preferred_channel
    if channel == Channel.PHONE:
        return Result("", BY_PHONE)
    if channel == Channel.POST:
        return Result("", BY_POST)
    if channel == Channel.TEXT:
        if not expert.phone:
            return Result("", NO_PHONE)
        if sms.send_text(expert.phone, message.text, reference=reference):
            return Result("text", "")
        return Result("", "The text could not be sent")
    if not expert.email:
        return Result("", NO_EMAIL)
    template = message.template
    if CommunicationNeed.EASY_READ in needs:
        template = f"{template}_easy"
    context = {**message.context, "large_print": CommunicationNeed.LARGE_PRINT in needs}
    if not _email(expert.email, message.subject, template, context):
        return Result("", NOT_DELIVERED)
    how = "email"
    if CommunicationNeed.CARER_COPY in needs and expert.carer_email:
        carer = {**context, **(message.carer_context or {}), "to_carer": True}
        if _email(expert.carer_email, f"Copy: {message.subject}", template, carer):
            how = "email, copy to carer"
    return Result(how, "")


def to_staff(user, *, subject: str, template: str, context: dict) -> Result:
    if not user.is_active or not user.email:
        return Result("", NO_EMAIL)
    if not _email(user.email, subject, template, context):
        return Result("", NOT_DELIVERED)
    return Result("email", "")
