"""The expert's own money pages: their claims, claiming expenses for a meeting they came to,
and one claim with what has happened to it. An expert only ever finds their own records:
anyone else's answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from coproduce.opportunities.choices import Attendance
from coproduce.payments.exports import claim_reference
from coproduce.payments.forms.expenses import ExpenseForm
from coproduce.payments.queries.fees import FeeTable, current_policy
from coproduce.payments.queries.mine import (
    CLAIMS_PER_PAGE,
    can_claim_for,
    claims_of,
    coming_payments,
    expense_claims_for,
    own_claim,
    own_invitation,
)
from coproduce.payments.receipts import receipt_response
from coproduce.payments.services.expenses import ClaimError, claim_expenses, send_claim_again
from coproduce.payments.views import mine_words
from coproduce.people.queries import signed_in_expert

PERMISSION = "payments.claim_own_expenses"


def _words() -> dict:
    return {
        "status_words": mine_words.status_words,
        "kind_words": mine_words.kind_words,
        "tag_colours": mine_words.TAG_COLOURS,
        "short_status": mine_words.SHORT_STATUS,
        "choice_words": mine_words.choice_words,
    }


@permission_required(PERMISSION, raise_exception=True)
def my_claims(request: HttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    page = Paginator(claims_of(expert), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "payments/my_claims.jinja",
        {
            "expert": expert,
            "page": page,
            "claims": list(page.object_list),
            "to_claim": can_claim_for(expert),
            "coming": coming_payments(expert),
            "policy": current_policy(),
            **_words(),
        },
    )


def _cannot_claim(invitation, deadline) -> str:
    """Why expenses cannot be claimed for this place now (the page says it in words), or
    empty if they can. The service checks all this again when the claim is sent."""
    if invitation.attendance != Attendance.ATTENDED:
        return "not_attended"
    if deadline is None:
        return "no_policy"
    if timezone.localdate() > deadline:
        return "too_late"
    return ""


@permission_required(PERMISSION, raise_exception=True)
def my_claim_new(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    invitation = own_invitation(expert, invitation_pk)
    deadline = FeeTable().claim_deadline(invitation.session)
    context = {
        "expert": expert,
        "invitation": invitation,
        "session": invitation.session,
        "deadline": deadline,
    }
    problem = _cannot_claim(invitation, deadline)
    if problem:
        return render(request, "payments/my_claim_closed.jinja", {**context, "problem": problem})
    posted = request.method == "POST"
    form = ExpenseForm(
        request.POST if posted else None, request.FILES if posted else None, invitation=invitation
    )
    if posted and form.is_valid():
        try:
            claim = claim_expenses(
                actor=request.user, invitation=invitation, items=form.items(), on_behalf=False
            )
        except ClaimError as error:
            form.add_claim_error(error)
        else:
            messages.success(
                request,
                "We have your claim. We will check it and tell you what happens next.",
            )
            return redirect("payments:my_claim", pk=claim.pk)
    return render(
        request,
        "payments/my_claim_new.jinja",
        {
            **context,
            "form": form,
            "policy": form.policy,
            "already": expense_claims_for(invitation),
        },
        status=400 if form.errors else 200,
    )


@permission_required(PERMISSION, raise_exception=True)
def my_claim(request: HttpRequest, pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    claim = own_claim(expert, pk)
    return render(
        request,
        "payments/my_claim.jinja",
        {
            "expert": expert,
            "claim": claim,
            "session": claim.invitation.session,
            "lines": list(claim.lines.all()),
            "history": mine_words.history(claim),
            **_words(),
        },
    )


@permission_required(PERMISSION, raise_exception=True)
def my_claim_receipt(request: HttpRequest, pk: int, line_pk: int) -> FileResponse:
    """An expert opens a receipt they sent with their own claim."""
    claim = own_claim(signed_in_expert(request.user), pk)
    line = get_object_or_404(claim.lines.all(), pk=line_pk)
    return receipt_response(line, claim_reference(claim.pk))


@permission_required(PERMISSION, raise_exception=True)
def my_claim_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correcting an expense claim the involvement team sent back, and sending it again."""
    expert = signed_in_expert(request.user)
    claim = own_claim(expert, pk)
    if not claim.may("send again"):
        return redirect("payments:my_claim", pk=claim.pk)
    posted = request.method == "POST"
    form = ExpenseForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        invitation=claim.invitation,
        correcting=claim,
    )
    if posted and form.is_valid():
        try:
            send_claim_again(actor=request.user, claim=claim, items=form.items(), on_behalf=False)
        except ClaimError as error:
            form.add_claim_error(error)
        else:
            messages.success(request, "We have your corrected claim. We will check it again.")
            return redirect("payments:my_claim", pk=claim.pk)
    return render(
        request,
        "payments/claim_correct.jinja",
        {
            "claim": claim,
            "session": claim.invitation.session,
            "form": form,
            "for_expert": True,
            "back_url": reverse("payments:my_claim", args=[claim.pk]),
        },
        status=400 if form.errors else 200,
    )
