"""Work done in the background: telling the involvement team about a request for involvement,
and the requester about the team's decision."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.opportunities.models import Opportunity


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


@task()
def tell_team_about_request(opportunity_id: int) -> int:
    """Emails the team inbox and every active coordinator and lead that a request waits."""
    opportunity = (
        Opportunity.objects.select_related("team", "requested_by").filter(pk=opportunity_id).first()
    )
    if opportunity is None:
        return 0
    team = User.objects.filter(
        role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD], is_active=True
    ).values_list("email", flat=True)
    recipients = sorted({settings.INVOLVEMENT_TEAM_EMAIL, *team} - {""})
    subject = f"Request for involvement: {opportunity.title}"
    if opportunity.confidential:
        # Confidential work: only its named staff in the team are told, and the subject
        # (seen in inbox lists and on locked phones) does not name it.
        named = team.filter(pk__in=opportunity.named_staff.values("pk"))
        recipients = sorted(set(named) - {""})
        subject = "Request for involvement: confidential work"
        if not recipients:
            return 0
    body = render_to_string(
        "opportunities/email/request_new.txt",
        {
            "opportunity": opportunity,
            "link": _link("opportunities:request_review", opportunity.pk),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=recipients,
    )


@task()
def tell_requester_the_outcome(opportunity_id: int) -> int:
    """Emails the requester what the involvement team decided, with their note."""
    opportunity = (
        Opportunity.objects.select_related("requested_by", "decided_by")
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None or not opportunity.requested_by.email:
        return 0
    body = render_to_string(
        "opportunities/email/review_outcome.txt",
        {
            "opportunity": opportunity,
            "link": _link("opportunities:request_detail", opportunity.pk),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return send_mail(
        subject=f"{opportunity.get_status_display()}: "
        + ("confidential work" if opportunity.confidential else opportunity.title),
        message=body,
        from_email=None,
        recipient_list=[opportunity.requested_by.email],
    )
