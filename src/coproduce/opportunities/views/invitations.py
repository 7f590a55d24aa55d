"""The involvement team's pages for invitations: check who will be invited to what, then send
(in the background, with a page that shows progress), and each session's places."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.opportunities import answer_links
from coproduce.opportunities.choices import InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.pay import warnings_for_invitations
from coproduce.opportunities.queries.pages import (
    invite_run_or_404,
    opportunity_or_404,
    session_or_404,
)
from coproduce.opportunities.queries.places import invitations_between, place_or_404
from coproduce.opportunities.services import invitations as services
from coproduce.opportunities.transitions import may
from coproduce.people.queries import experts_by_id

ALLOWED = "opportunities.manage"


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@permission_required(ALLOWED, raise_exception=True)
@require_POST
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The shortlist posts the chosen experts here (and, if it likes, sessions). The first
    post shows who will be invited to what; pressing "Send" invites them."""
    opportunity = opportunity_or_404(pk, user=request.user)
    upcoming = opportunity.sessions.filter(
        status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()
    )
    session_ids = _ids(request.POST.getlist("session"))
    sessions = list(
        (opportunity.sessions.filter(pk__in=session_ids) if session_ids else upcoming)
        .select_related("opportunity", "venue")
        .order_by("starts_at")
    )
    experts = list(experts_by_id(_ids(request.POST.getlist("expert"))))
    problems = services.invite_problems(sessions=sessions, experts=experts)
    if request.POST.get("confirm") and not problems:
        try:
            run = services.invite_experts(actor=request.user, sessions=sessions, experts=experts)
        except services.InvitationError as error:
            problems = error.problems or [error.message]
        else:
            return redirect("opportunities:invite_run", pk=run.pk)
    already: dict[int, list[Invitation]] = {}
    for invitation in invitations_between(sessions, experts):
        already.setdefault(invitation.expert_id, []).append(invitation)
    return render(
        request,
        "opportunities/invite_confirm.jinja",
        {
            "opportunity": opportunity,
            "sessions": sessions,
            "experts": experts,
            "already": already,
            "problems": problems,
            "new_count": len(sessions) * len(experts) - sum(len(v) for v in already.values()),
        },
    )


@permission_required(ALLOWED, raise_exception=True)
def invite_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = invite_run_or_404(pk, user=request.user)
    return render(request, "opportunities/invite_progress.jinja", {"run": run})


@permission_required(ALLOWED, raise_exception=True)
def session_places(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_or_404(pk, "opportunity", "venue", "opportunity__venue", user=request.user)
    invitations = list(
        session.invitations.select_related("expert", "fee_decision").order_by("expert__full_name")
    )
    by_status: dict[str, list[Invitation]] = {s: [] for s in InvitationStatus.values}
    for invitation in invitations:
        by_status[invitation.status].append(invitation)
    by_status[InvitationStatus.WAITING].sort(key=lambda i: (i.waiting_since or i.updated_at, i.pk))
    accepted = len(by_status[InvitationStatus.ACCEPTED])
    places = session.opportunity.places
    started = session.starts_at <= timezone.now()
    # The benefits guard, for paid work: who would pass a declared earnings limit.
    open_places = [
        i
        for i in invitations
        if i.status
        in (InvitationStatus.ACCEPTED, InvitationStatus.WAITING, InvitationStatus.INVITED)
    ]
    paid = session.opportunity.paid and not started
    warnings = warnings_for_invitations(open_places) if paid else {}
    return render(
        request,
        "opportunities/places_session.jinja",
        {
            "session": session,
            "by_status": by_status,
            "places": places,
            "accepted": accepted,
            "free": max(places - accepted, 0),
            "started": started,
            "paid": paid,
            "warnings": warnings,
        },
    )


def _invitation_action(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    invitation = place_or_404(pk, user=request.user)
    try:
        action(invitation=invitation, by=request.user)
    except services.InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done.format(name=invitation.expert.full_name))
    return redirect("opportunities:session_places", pk=invitation.session_id)


@permission_required(ALLOWED, raise_exception=True)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _invitation_action(
        request, pk, services.withdraw_invitation, "{name}'s invitation is withdrawn"
    )


@permission_required(ALLOWED, raise_exception=True)
def cancel_for_expert(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first, saying what will happen, then cancels the expert's place on the post."""
    if request.method == "POST":
        return _invitation_action(
            request, pk, services.cancel_place_for_expert, "{name}'s place is cancelled"
        )
    invitation = place_or_404(pk, user=request.user)
    session = invitation.session
    problem = ""
    if session.status == SessionStatus.CANCELLED:
        problem = answer_links.SESSION_CANCELLED
    elif session.starts_at <= timezone.now():
        problem = answer_links.ALREADY_HAPPENED
    elif not may(invitation.status, "cancel"):
        problem = f"{invitation.expert.full_name} has no place to cancel"
    if problem:
        messages.error(request, problem)
        return redirect("opportunities:session_places", pk=session.pk)
    has_place = invitation.status == InvitationStatus.ACCEPTED
    return render(
        request,
        "opportunities/place_cancel.jinja",
        {
            "invitation": invitation,
            "session": session,
            "has_place": has_place,
            "next_in_line": services.next_in_line(session) if has_place else None,
        },
    )
