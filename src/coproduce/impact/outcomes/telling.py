"""Telling the experts who attended a piece of work what happened next: a short email (and a
text, when text is how they asked to be contacted), once per expert per round of the outcome
however often the task runs. Nobody we may not contact is told: people whose processing is
restricted, who were erased, or who have left (as training reminders)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core import sms
from coproduce.impact.outcomes.models import Outcome, Telling
from coproduce.opportunities.queries.confidential import work_title
from coproduce.people.choices import Channel
from coproduce.people.models import Expert

logger = logging.getLogger(__name__)

NOT_CONTACTED = "Not sent: we may not contact them"
NO_ADDRESS = "Not sent: there is no email address or mobile number"
NOT_DELIVERED = "The email could not be sent"


def words_of(outcome: Outcome) -> dict:
    """The outcome as the experts are told it, kept with each telling (their record of it)."""
    return {
        "work": outcome.opportunity.title,
        "changed": outcome.changed,
        "you_said_we_did": [dict(pair) for pair in outcome.pairs] if outcome.changed else [],
        "why_nothing_changed": "" if outcome.changed else outcome.why_nothing,
        "in_short": outcome.summary,
    }


def claim(outcome: Outcome, expert_id: int) -> Telling | None:
    """Makes this round's telling for the expert, in the caller's transaction; None when
    another run got there first (one telling per expert a round)."""
    try:
        with transaction.atomic():
            return Telling.objects.create(
                outcome=outcome, expert_id=expert_id, round=outcome.round, words=words_of(outcome)
            )
    except IntegrityError:
        return None


def send(telling: Telling) -> Telling:
    """Tells the expert what happened next, and records how (or why not) and when."""
    expert = telling.expert
    outcome = telling.outcome
    how, problem = "", ""
    if not expert.may_be_contacted:
        problem = NOT_CONTACTED
    else:
        wants_text = expert.preferred_channel == Channel.TEXT and bool(expert.phone)
        if not expert.email and not wants_text:
            problem = NO_ADDRESS
        else:
            texted = wants_text and _text(expert, outcome)
            emailed = bool(expert.email) and _email(expert, outcome)
            if emailed and texted:
                how = Telling.How.EMAIL_AND_TEXT
            elif emailed:
                how = Telling.How.EMAIL
            elif texted:
                how = Telling.How.TEXT
            else:
                problem = NOT_DELIVERED
    now = timezone.now()
    telling.how = how
    telling.problem = problem
    telling.told_at = now if how else None
    telling.save(update_fields=["how", "problem", "told_at"])
    if how:
        Outcome.objects.filter(pk=outcome.pk).update(told_at=now)
        audit.record_change(
            actor=None,
            instance=outcome,
            subject=expert,
            action=AuditEvent.Action.OUTCOME_TOLD,
            summary=f"Told what happened next after ‘{work_title(outcome.opportunity)}’ "
            f"({telling.get_how_display().lower()})",
        )
    return telling


def _context(expert: Expert, outcome: Outcome) -> dict:
    return {
        "name": expert.display_name,
        "work": outcome.opportunity.title,
        "outcome": outcome,
        "corrected": outcome.round > 1,
        "link": settings.SITE_URL + reverse("outcomes:mine"),
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }


def subject_for(outcome: Outcome) -> str:
    return f"What happened after ‘{outcome.opportunity.title}’"


def _email(expert: Expert, outcome: Outcome) -> bool:
    context = _context(expert, outcome)
    subject = subject_for(outcome)
    body = render_to_string("outcomes/email/told.txt", context)
    html = render_to_string("outcomes/email/told.html", {**context, "subject": subject})
    message = EmailMultiAlternatives(subject=subject, body=body, to=[expert.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        logger.warning(
            "Could not tell expert %s of outcome %s: %s",
            expert.pk,
            outcome.pk,
            type(error).__name__,
        )
        return False
    return True


def _text(expert: Expert, outcome: Outcome) -> bool:
    return bool(
        sms.send_text(
            expert.phone,
            f"{settings.ORGANISATION_NAME}: thank you for taking part in "
            f"‘{outcome.opportunity.title}’. See what happened next: "
            f"{settings.SITE_URL}{reverse('outcomes:mine')}",
            reference=f"outcome-{outcome.pk}-{expert.pk}",
        )
    )
