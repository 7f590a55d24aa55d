"""The expert's own pages: meetings to answer, meetings to come, meetings they have been to,
and their private calendar address."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import long_date, time_of_day
from coproduce.onboarding.queries import to_sign
from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.confidential.queries import support_for
from coproduce.opportunities.pay import warnings_for_invitations
from coproduce.opportunities.portal_parts import portal_sections_for
from coproduce.opportunities.queries.portal import involvement_for, own_invitation, venue_of
from coproduce.opportunities.services.calendar_feed import calendar_feed_for, reset_calendar_feed
from coproduce.opportunities.services.invitations import (
    InvitationError,
    accept_invitation,
    decline_invitation,
)
from coproduce.people.queries import signed_in_expert


def feed_addresses(request: HttpRequest, token: str) -> tuple[str, str]:
    """The private feed's address for a web browser (https) and for calendar apps (webcal)."""
    https = request.build_absolute_uri(reverse("opportunities:calendar_feed", args=[token]))
    return https, "webcal://" + https.split("://", 1)[1]


@permission_required("opportunities.answer_invitations", raise_exception=True)
def my_involvement(request: HttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    feed = calendar_feed_for(expert=expert)
    https, webcal = feed_addresses(request, feed.token)
    involvement = involvement_for(expert)
    # The benefits guard at acceptance: a paid place that would pass their declared limit.
    fee_warnings = warnings_for_invitations([*involvement.to_answer, *involvement.upcoming])
    return render(
        request,
        "opportunities/portal_involvement.jinja",
        {
            "expert": expert,
            "involvement": involvement,
            "fee_warnings": fee_warnings,
            "venue_of": venue_of,
            "feed_https": https,
            "feed_webcal": webcal,
            # A prompt when an agreement (or a new version of one) is waiting to be signed.
            "to_sign": to_sign(expert),
            # After confidential work: the check-ins to come and who to contact.
            "support": support_for(expert),
            # What apps above this one add: feedback to give, what happened next.
            "sections": portal_sections_for(expert),
        },
    )


@require_POST
@permission_required("opportunities.answer_invitations", raise_exception=True)
def answer_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = own_invitation(request.user, pk)
    if invitation is None:
        raise Http404
    answer = request.POST.get("answer", "")
    session = invitation.session
    when = f"{long_date(session.starts_at)} at {time_of_day(session.starts_at)}"
    title = session.opportunity.title
    try:
        if answer == "yes":
            accept_invitation(invitation=invitation, by=request.user)
        elif answer == "no":
            decline_invitation(
                invitation=invitation, by=request.user, reason=request.POST.get("reason", "")
            )
        else:
            messages.error(request, "Choose yes or no.")
            return redirect("opportunities:my_involvement")
    except InvitationError as error:
        # The first argument is the reason in words (a full meeting, one that has passed).
        text = str(error.args[0]) if error.args else ""
        messages.error(request, text or "Sorry, we could not save your answer.")
        return redirect("opportunities:my_involvement")
    invitation.refresh_from_db(fields=["status"])
    if invitation.status == InvitationStatus.ACCEPTED:
        messages.success(request, f"Thank you. You are coming to {title} on {when}.")
    elif invitation.status == InvitationStatus.WAITING:
        messages.success(
            request,
            f"Thank you. {title} is full. You are on the waiting list. "
            "We will tell you if a place comes up.",
        )
    else:
        messages.success(request, f"Thank you. We have told the team you cannot come to {title}.")
    return redirect("opportunities:my_involvement")


@require_POST
@permission_required("opportunities.answer_invitations", raise_exception=True)
def reset_my_calendar(request: HttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    reset_calendar_feed(expert=expert, actor=request.user)
    messages.success(
        request,
        "You have a new secret calendar address. The old one does not work any more. "
        "Add the new one to your calendar app.",
    )
    return redirect(reverse("opportunities:my_involvement") + "#calendar")
