"""An expert's parking, as the involvement team works with it: their vehicles and permits,
issuing a permit for a site and a period, printing it for the windscreen, and cancelling it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.parking import queries, services
from coproduce.parking.documents import permit_pdf
from coproduce.parking.forms import PermitForm
from coproduce.parking.views.vehicles import MANAGE, _expert


def _permit(request: AuthenticatedHttpRequest, pk: int):
    permit = queries.get_permit_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return permit


def expert_parking(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    return render(
        request,
        "parking/expert_parking.jinja",
        {
            "expert": expert,
            "vehicles": queries.vehicles_of(expert),
            "permits": queries.permits_of(expert),
            "today": timezone.localdate(),
        },
    )


def permit_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    vehicles = queries.vehicles_of(expert)
    if not vehicles:
        messages.info(request, f"Add {expert.full_name}'s vehicle before you issue a permit.")
        return redirect("parking:vehicle_add", pk=expert.pk)
    venues = list(queries.active_venues())
    form = PermitForm(
        request.POST if request.method == "POST" else None, vehicles=vehicles, venues=venues
    )
    if request.method == "POST" and form.is_valid():
        by_pk = {v.pk: v for v in vehicles}
        venue = {v.pk: v for v in venues}[form.cleaned_data["venue"]]
        try:
            permit = services.issue_permit(
                actor=request.user,
                vehicle=by_pk[form.cleaned_data["vehicle"]],
                venue=venue,
                valid_from=form.cleaned_data["valid_from"],
                valid_to=form.cleaned_data["valid_to"],
            )
        except services.ParkingError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request,
                f"Permit {permit.number} issued for {permit.registration} at {venue.name}. "
                "Print it and send it to them.",
            )
            return redirect("parking:expert_parking", pk=expert.pk)
    return render(
        request,
        "parking/permit_issue.jinja",
        {"expert": expert, "form": form},
        status=400 if form.errors else 200,
    )


def permit_print(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    permit = _permit(request, pk)
    if permit.cancelled_at is not None:
        messages.info(request, f"Permit {permit.number} is cancelled, so it cannot be printed.")
        return redirect("parking:expert_parking", pk=permit.expert_id)
    response = HttpResponse(permit_pdf(permit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="permit-{permit.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def permit_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    permit = _permit(request, pk)
    if permit.cancelled_at is not None:
        messages.info(request, f"Permit {permit.number} has already been cancelled.")
        return redirect("parking:expert_parking", pk=permit.expert_id)
    if request.method == "POST":
        try:
            services.cancel_permit(actor=request.user, permit=permit)
        except services.ParkingError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                f"Permit {permit.number} is cancelled. It is no longer on the car park lists.",
            )
        return redirect("parking:expert_parking", pk=permit.expert_id)
    return render(request, "parking/permit_cancel.jinja", {"permit": permit})
