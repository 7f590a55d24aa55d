"""Reminders that training is about to run out: a short email to the person whose training it
is (and a text, when text is how they asked to be contacted), and one list a day for the
involvement team. Each record is reminded once, however often the schedule runs: its
`reminded_at` is set in the same transaction as its email is queued."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core import sms
from coproduce.core.formats import count_of, long_date
from coproduce.people.choices import Channel
from coproduce.training import queries
from coproduce.training.models import TrainingRecord

logger = logging.getLogger(__name__)

NOT_CONTACTED = "Not sent: we may not contact them"
NO_ADDRESS = "Not sent: there is no email address or mobile number"
NOT_DELIVERED = "The email could not be sent"
TURNED_OFF = "Not sent: they turned this reminder off"

# Whether training reminders go at all (`record` None), and to this record's person: the
# organisation's and each person's reminder switches live in comms.reminders, above training,
# which hands its answer over here when Django starts (its AppConfig.ready), so that training
# asks without importing it. With none added, every reminder goes.
_switches: list[Callable[[TrainingRecord | None], bool]] = []


def add_switch(switch: Callable[[TrainingRecord | None], bool]) -> None:
    if switch not in _switches:
        _switches.append(switch)


def switched_on(record: TrainingRecord | None = None) -> bool:
    return all(switch(record) for switch in _switches)


def reminder_days() -> int:
    """How many days before training runs out the reminder goes (TRAINING_REMINDER_DAYS)."""
    return settings.TRAINING_REMINDER_DAYS


def claim(pk: int) -> TrainingRecord | None:
    """Marks the record as reminded and audits it, in the caller's transaction; None when
    another run got there first (its reminded_at is already set)."""
    claimed = TrainingRecord.objects.filter(pk=pk, reminded_at=None).update(
        reminded_at=timezone.now()
    )
    if not claimed:
        return None
    record = TrainingRecord.objects.select_related("course", "expert", "staff").get(pk=pk)
    audit.record_change(
        actor=None,
        instance=record,
        subject=record.expert or record.staff,
        action=AuditEvent.Action.TRAINING_REMINDED,
        summary=f"Reminded that ‘{record.course.name}’ runs out on {long_date(record.expires_on)}",
    )
    return record


def _person(record: TrainingRecord):
    """The expert or member of staff whose record it is (every record has one)."""
    person = record.expert or record.staff
    assert person is not None
    return person


def _context(record: TrainingRecord) -> dict:
    person = _person(record)
    return {
        "name": person.display_name,
        "course": record.course,
        "completed_on": long_date(record.completed_on),
        "expires_on": long_date(record.expires_on),
        "link": settings.SITE_URL + reverse("training:mine"),
        "organisation_name": settings.ORGANISATION_NAME,
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }


def send_reminder(record: TrainingRecord) -> str:
    """Tells the person their training runs out soon; returns what went wrong, or ""."""
    if not switched_on(record):
        return TURNED_OFF
    expert = record.expert
    if expert is not None:
        if not expert.may_be_contacted:
            return NOT_CONTACTED
        email = expert.email
        wants_text = expert.preferred_channel == Channel.TEXT and bool(expert.phone)
        phone = expert.phone
    else:
        staff = _person(record)
        if not staff.is_active:
            return NOT_CONTACTED
        email, wants_text, phone = staff.email, False, ""
    if not email and not wants_text:
        return NO_ADDRESS
    context = _context(record)
    subject = f"Your {record.course.name} training runs out on {context['expires_on']}"
    texted = 0
    if wants_text:
        texted = sms.send_text(
            phone,
            f"{settings.ORGANISATION_NAME}: your {record.course.name} training runs out on "
            f"{context['expires_on']}. We will help you book it again. "
            f"Questions: {settings.INVOLVEMENT_TEAM_EMAIL}",
            reference=f"training-{record.pk}",
        )
    if not email:
        return "" if texted else NOT_DELIVERED
    body = render_to_string("training/email/reminder.txt", context)
    html = render_to_string("training/email/reminder.html", {**context, "subject": subject})
    message = EmailMultiAlternatives(subject=subject, body=body, to=[email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send training reminder %s: %s", record.pk, type(error).__name__)
        return NOT_DELIVERED
    return ""


def tell_team(ids: list[int]) -> int:
    """One email to the involvement team listing the training reminded about today."""
    records = queries.records_for_reminders(ids)
    if not records:
        return 0
    body = render_to_string(
        "training/email/team_expiring.txt",
        {
            "rows": [
                {
                    "name": _person(r).full_name,
                    "who": "expert" if r.expert_id else "staff",
                    "course": r.course.name,
                    "expires_on": long_date(r.expires_on),
                }
                for r in records
            ],
            "days": reminder_days(),
            "link": settings.SITE_URL + reverse("training:expiring"),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return send_mail(
        subject=f"Training running out: {count_of(len(records), 'reminder')} sent",
        message=body,
        from_email=None,
        recipient_list=queries.team_addresses(),
    )
