"""Work done in the background: telling the involvement team about a new enquiry, and the
daily clear-out of spreadsheet uploads nobody finished importing."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.people import imports
from coproduce.people.models import Expert


@task()
def tell_team_about_enquiry(expert_id: int) -> int:
    """Emails the team inbox and every active coordinator. The email names no needs or
    health details: it links to the record, which only the team can open."""
    expert = Expert.objects.filter(pk=expert_id).first()
    if expert is None:
        return 0
    coordinators = User.objects.filter(
        role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD], is_active=True
    ).values_list("email", flat=True)
    recipients = sorted({settings.INVOLVEMENT_TEAM_EMAIL, *coordinators} - {""})
    possible_duplicate = bool(expert.email) and (
        Expert.objects.filter(email__iexact=expert.email).exclude(pk=expert.pk).exists()
    )
    body = render_to_string(
        "people/email/new_enquiry.txt",
        {
            "expert": expert,
            "link": settings.SITE_URL + reverse("people:expert_detail", args=[expert.pk]),
            "possible_duplicate": possible_duplicate,
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return send_mail(
        subject="New enquiry: someone wants to get involved",
        message=body,
        from_email=None,
        recipient_list=recipients,
    )


@task()
def forget_abandoned_imports() -> int:
    """Daily, from the scheduler: uploads left unimported for a day leave the server, so a
    spreadsheet of people's details is not kept longer than the import needed it."""
    return imports.forget_abandoned_imports()
