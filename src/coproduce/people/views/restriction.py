"""Restricting processing of a person's information (UK GDPR article 18), lifting it, and the
list of everyone restricted: they are found in no search, so the team finds them here."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.people import queries, restriction
from coproduce.people.forms import LiftRestrictionForm, RestrictionForm


def _expert(request: HttpRequest, pk: int, permission: str):
    """The record, or 404 for someone who may not see it; then 403 without the permission."""
    expert = queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return expert


def restrict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk, "people.restrict_processing")
    if expert.is_restricted:
        messages.info(request, f"Processing of {expert.full_name}'s information is restricted.")
        return redirect("people:expert_detail", pk=expert.pk)
    form = RestrictionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            restriction.restrict_processing(
                actor=request.user, expert=expert, reason=form.cleaned_data["reason"]
            )
        except restriction.RestrictionError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request, f"Processing of {expert.full_name}'s information is now restricted."
            )
        return redirect("people:expert_detail", pk=expert.pk)
    status = 400 if form.errors else 200
    return render(request, "people/restrict.jinja", {"expert": expert, "form": form}, status=status)


def lift(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk, "people.lift_restriction")
    if not expert.is_restricted:
        messages.info(request, f"Processing of {expert.full_name}'s information is not restricted.")
        return redirect("people:expert_detail", pk=expert.pk)
    form = LiftRestrictionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            restriction.lift_restriction(
                actor=request.user, expert=expert, reason=form.cleaned_data["reason"]
            )
        except restriction.RestrictionError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                f"The restriction is lifted. {expert.full_name} is back in searches, "
                "shortlists and exports.",
            )
        return redirect("people:expert_detail", pk=expert.pk)
    status = 400 if form.errors else 200
    return render(
        request, "people/restriction_lift.jinja", {"expert": expert, "form": form}, status=status
    )


@permission_required("people.view_restricted", raise_exception=True)
def restricted_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "people/restricted.jinja",
        {"experts": list(queries.restricted_people())},
    )
