"""Emails to members, sent by the background task (members/tasks.py) once the change that needs
one commits: a welcome; "you are a member already" (to the address on file when someone tries
to join again, so the person at the join page learns nothing about whether they were a member);
the link to manage their details; and, for staff enrolled from the staff list, that they are a
member and how to opt out. Logs name only the kind of email and of failure."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from coproduce.membership.members import links
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member

logger = logging.getLogger(__name__)

SUBJECTS = {
    "welcome": "Welcome: you are a member of {organisation}",
    "already": "You are already a member of {organisation}",
    "manage": "Change your membership details",
    "staff_enrolled": "You are a member of {organisation}",
}


def office_email() -> str:
    return settings.MEMBERSHIP_OFFICE_EMAIL or settings.INVOLVEMENT_TEAM_EMAIL


def send(kind: str, member_id: int) -> bool:
    """Sends one email of `kind` to the member; False when there is none to send."""
    if kind not in SUBJECTS:
        raise ValueError(f"No such member email: {kind}")
    member = Member.objects.select_related("constituency").filter(pk=member_id).first()
    if member is None or not member.email or member.status != MemberStatus.MEMBER:
        return False
    organisation = settings.ORGANISATION_NAME
    subject = SUBJECTS[kind].format(organisation=organisation)
    context = {
        "organisation_name": organisation,
        "team_email": office_email(),
        "subject": subject,
        "name": member.full_name,
        "constituency": member.constituency.name,
        "link": links.manage_url(member),
        "link_minutes": links.LINK_MINUTES,
    }
    body = render_to_string(f"members/email/{kind}.txt", context)
    html = render_to_string(f"members/email/{kind}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[member.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send a member's %s email: %s", kind, type(error).__name__)
        return False
    return True
