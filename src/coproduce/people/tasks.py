"""Work done in the background: telling the involvement team about a new enquiry, telling
the person who asked that we have it, and clearing out spreadsheet uploads nobody finished
importing (which the nightly retention rules do too: coproduce.retention.tasks)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.people.models import Expert
from coproduce.people.presenters import how_we_will_contact


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


ENQUIRY_RECEIVED_SUBJECT = "We have your details: getting involved"


@task()
def confirm_enquiry(expert_id: int) -> int:
    """Emails the person who filled in "Get involved": we have their details, what happens
    next and who to ask. Plain text and large-print HTML. It holds nothing they told us, not
    even their name: anyone can type any address into a public form, so this email must say
    nothing about the person and carry no words a stranger chose."""
    expert = Expert.objects.processable().filter(pk=expert_id).first()
    if expert is None or not expert.email:
        return 0
    context = {
        "how": how_we_will_contact(expert.preferred_channel),
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
        "organisation_name": settings.ORGANISATION_NAME,
        "subject": ENQUIRY_RECEIVED_SUBJECT,
    }
    message = EmailMultiAlternatives(
        subject=ENQUIRY_RECEIVED_SUBJECT,
        body=render_to_string("people/email/enquiry_received.txt", context),
        to=[expert.email],
    )
    message.attach_alternative(
        render_to_string("people/email/enquiry_received.html", context), "text/html"
    )
    return message.send()
