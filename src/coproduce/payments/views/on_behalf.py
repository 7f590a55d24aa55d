"""Claiming expenses on an expert's behalf, for experts who prefer not to use the portal: choose
one of the sessions they attended, then fill in the same expense form the portal uses. A claim
sent back to be corrected can be corrected here for the expert too."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coproduce.core.formats import money
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.queries.places import place_or_404
from coproduce.payments.exports import claim_reference
from coproduce.payments.forms.expenses import ExpenseForm
from coproduce.payments.queries import claims as queries
from coproduce.payments.services.expenses import ClaimError, claim_expenses, send_claim_again
from coproduce.people.queries import get_expert_for

MOST_SESSIONS = 100


@permission_required("payments.submit_for_experts", raise_exception=True)
def choose_session(request: HttpRequest, expert_pk: int) -> HttpResponse:
    expert = get_expert_for(request.user, expert_pk)
    places = list(queries.attended_places(expert)[:MOST_SESSIONS])
    deadlines = queries.claim_deadlines(places)
    today = timezone.localdate()
    return render(
        request,
        "payments/on_behalf_sessions.jinja",
        {
            "expert": expert,
            "rows": [
                (
                    place,
                    deadlines.get(place.pk),
                    place.pk in deadlines and deadlines[place.pk] < today,
                )
                for place in places
            ],
        },
    )


@permission_required("payments.submit_for_experts", raise_exception=True)
def claim_for_session(request: HttpRequest, expert_pk: int, invitation_pk: int) -> HttpResponse:
    expert = get_expert_for(request.user, expert_pk)
    invitation = place_or_404(invitation_pk, expert=expert)
    posted = request.method == "POST"
    form = ExpenseForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        invitation=invitation,
        for_expert=False,
    )
    if posted and form.is_valid():
        try:
            claim = claim_expenses(
                actor=request.user, invitation=invitation, items=form.items(), on_behalf=True
            )
        except ClaimError as error:
            form.add_claim_error(error)
        else:
            messages.success(
                request,
                f"Claim {claim_reference(claim.pk)} of {money(claim.total)} sent for "
                f"{expert.full_name}. It now waits to be checked, then for finance to "
                "approve it.",
            )
            return redirect("payments:claim_detail", pk=claim.pk)
    deadline = queries.claim_deadlines([invitation]).get(invitation.pk)
    return render(
        request,
        "payments/on_behalf_form.jinja",
        {
            "expert": expert,
            "invitation": invitation,
            "session": invitation.session,
            "form": form,
            "attended": invitation.attendance == Attendance.ATTENDED,
            "deadline": deadline,
            "too_late": deadline is not None and deadline < timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@permission_required("payments.submit_for_experts", raise_exception=True)
def correct_for_expert(request: HttpRequest, pk: int) -> HttpResponse:
    """Correcting a claim sent back, for an expert who asked the team to do it for them."""
    claim = queries.claim_for_page(pk)
    if claim is None:
        raise Http404
    # The expert's record must be one this person may open.
    get_expert_for(request.user, claim.expert_id)
    if not claim.may("send again"):
        return redirect("payments:claim_detail", pk=claim.pk)
    posted = request.method == "POST"
    form = ExpenseForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        invitation=claim.invitation,
        for_expert=False,
        correcting=claim,
    )
    if posted and form.is_valid():
        try:
            send_claim_again(actor=request.user, claim=claim, items=form.items(), on_behalf=True)
        except ClaimError as error:
            form.add_claim_error(error)
        else:
            messages.success(
                request,
                f"Claim {claim_reference(claim.pk)} corrected and sent again for "
                f"{claim.expert.full_name}. It now waits to be checked.",
            )
            return redirect("payments:claim_detail", pk=claim.pk)
    return render(
        request,
        "payments/claim_correct.jinja",
        {
            "claim": claim,
            "session": claim.invitation.session,
            "form": form,
            "for_expert": False,
            "back_url": reverse("payments:claim_detail", args=[claim.pk]),
        },
        status=400 if form.errors else 200,
    )
