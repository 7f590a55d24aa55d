"""Emails about concerns, sent by the background tasks (concerns/tasks.py), and the record on
the concern that they went.

- To the safeguarding contacts: a concern needs their attention, with a link to it. No name,
  nothing the expert wrote, no health details: only its reference and the link (they sign in
  to read it).
- To the expert: there is a reply to their concern, with a link to read it in the portal (and
  a text as well, when text is how they asked to be contacted). Nothing is sent to someone
  whose processing is restricted, whose details are erased or who has left the register
  ("do not contact", as the training reminders treat it); they see the reply in the portal.

Logs name the concern's number and the kind of failure only: an SMTP refusal quotes the
address it refused."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core import sms
from coproduce.core.formats import count_of, long_date
from coproduce.impact.concerns import queries
from coproduce.impact.concerns.models import Concern, Step
from coproduce.people.choices import Channel

logger = logging.getLogger(__name__)

NOT_CONTACTED = "Not sent: we may not contact them"
NO_ADDRESS = "Not sent: there is no email address or mobile number"
NOT_DELIVERED = "The email could not be sent"


def _send(*, to: list[str], subject: str, template: str, context: dict, what: str) -> bool:
    context = {
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
        "subject": subject,
        **context,
    }
    body = render_to_string(f"concerns/email/{template}.txt", context)
    html = render_to_string(f"concerns/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send %s: %s", what, type(error).__name__)
        return False
    return True


def tell_safeguarding_contacts(concern_id: int) -> int:
    """Emails each named safeguarding contact, one message each, that the concern needs their
    attention; with none named, the involvement team's address instead. Records it on the
    concern and in the audit trail. Returns how many were sent."""
    concern = Concern.objects.filter(pk=concern_id, safeguarding=True).first()
    if concern is None:
        return 0
    addresses = queries.safeguarding_addresses()
    instead = not addresses
    if instead:
        addresses = [settings.INVOLVEMENT_TEAM_EMAIL]
    link = settings.SITE_URL + reverse("concerns:concern", args=[concern.pk])
    sent = 0
    for address in addresses:
        sent += _send(
            to=[address],
            subject=f"Safeguarding: concern {concern.reference} needs your attention",
            template="safeguarding",
            context={
                "reference": concern.reference,
                "raised_on": long_date(concern.raised_at),
                "link": link,
                "instead": instead,
            },
            what=f"safeguarding email for concern {concern.pk}",
        )
    _record_told(concern, sent=sent, instead=instead)
    return sent


def _record_told(concern: Concern, *, sent: int, instead: bool) -> None:
    if instead:
        text = "No safeguarding contacts are named: the involvement team was emailed instead."
    else:
        text = f"Emailed to {count_of(sent, 'safeguarding contact')}."
    with transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(safeguarding_told_at=timezone.now())
        Step.objects.create(
            concern=concern, kind=Step.Kind.SAFEGUARDING, text=text, by_label="System"
        )
        audit.record_change(
            actor=None,
            instance=concern,
            subject=concern.expert,
            action=AuditEvent.Action.SAFEGUARDING_TOLD,
            summary=f"Concern {concern.reference}: {text}",
            changes={"sent": sent, "involvement_team_instead": instead},
        )


def tell_expert_of_reply(step_id: int) -> str:
    """Tells the expert there is a reply to their concern; returns what went wrong, or ""."""
    step = (
        Step.objects.select_related("concern__expert")
        .filter(pk=step_id, kind=Step.Kind.RESPONSE)
        .first()
    )
    if step is None:
        return NOT_CONTACTED
    concern = step.concern
    expert = concern.expert
    if not expert.may_be_contacted:
        return NOT_CONTACTED
    wants_text = expert.preferred_channel == Channel.TEXT and bool(expert.phone)
    if not expert.email and not wants_text:
        return NO_ADDRESS
    link = settings.SITE_URL + reverse("concerns:my_concern", args=[concern.pk])
    texted = 0
    if wants_text:
        texted = sms.send_text(
            expert.phone,
            f"{settings.ORGANISATION_NAME}: we have replied to your concern. Read it here: {link}",
            reference=f"concern-{concern.pk}",
        )
    if not expert.email:
        return "" if texted else NOT_DELIVERED
    sent = _send(
        to=[expert.email],
        subject="We have replied to your concern",
        template="reply",
        context={
            "name": expert.display_name,
            "raised_on": long_date(concern.raised_at),
            "link": link,
        },
        what=f"reply email for concern {concern.pk}",
    )
    return "" if sent else NOT_DELIVERED
