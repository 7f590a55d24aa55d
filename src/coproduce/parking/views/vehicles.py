"""Vehicles: an expert registers, changes and removes their own in the portal; the
involvement team does the same for any expert, from the expert's parking page."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.parking import queries, services
from coproduce.parking.forms import VehicleForm
from coproduce.parking.presenters import change_messages
from coproduce.people import queries as people_queries

OWN = "parking.manage_own_vehicles"
MANAGE = "parking.manage_parking"


def _add(request, expert, *, done: str, back: str, for_someone_else: bool) -> HttpResponse:
    form = VehicleForm(
        request.POST if request.method == "POST" else None, for_someone_else=for_someone_else
    )
    if request.method == "POST" and form.is_valid():
        typed = form.data.get("registration", "")
        try:
            vehicle = services.add_vehicle(actor=request.user, expert=expert, **form.cleaned_data)
        except services.ParkingError as error:
            form.add_error(error.field, str(error))
        else:
            message = f"{vehicle.registration} is added."
            if typed.strip() != vehicle.registration:
                message = (
                    f"{vehicle.registration} is added. We wrote it the way it is on a number "
                    f"plate: you typed {typed.strip()}."
                )
            messages.success(request, message)
            return redirect(done)
    return render(
        request,
        "parking/vehicle_add.jinja",
        {"expert": expert, "form": form, "back": back, "for_someone_else": for_someone_else},
        status=400 if form.errors else 200,
    )


def _change(request, vehicle, *, done: str, back: str, for_someone_else: bool) -> HttpResponse:
    initial = {name: getattr(vehicle, name) for name in services.VEHICLE_FIELDS}
    form = VehicleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        for_someone_else=for_someone_else,
    )
    running = queries.running_permits(vehicle, timezone.localdate())
    if request.method == "POST" and form.is_valid():
        typed = form.data.get("registration", "").strip()
        try:
            change = services.change_vehicle(
                actor=request.user, vehicle=vehicle, **form.cleaned_data
            )
        except services.ParkingError as error:
            form.add_error(error.field, str(error))
        else:
            for level, message in change_messages(
                change, typed=typed, for_someone_else=for_someone_else
            ):
                messages.add_message(request, level, message)
            return redirect(done)
    return render(
        request,
        "parking/vehicle_change.jinja",
        {
            "vehicle": vehicle,
            "form": form,
            "back": back,
            "for_someone_else": for_someone_else,
            "running": running,
        },
        status=400 if form.errors else 200,
    )


def _remove(request, vehicle, *, done: str, back: str, for_someone_else: bool) -> HttpResponse:
    if request.method == "POST":
        try:
            services.remove_vehicle(actor=request.user, vehicle=vehicle)
        except services.ParkingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{vehicle.registration} is removed.")
        return redirect(done)
    return render(
        request,
        "parking/vehicle_remove.jinja",
        {"vehicle": vehicle, "back": back, "for_someone_else": for_someone_else},
    )


@permission_required(OWN, raise_exception=True)
def my_vehicles(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    return render(
        request,
        "parking/my_vehicles.jinja",
        {"expert": expert, "vehicles": queries.vehicles_of(expert)},
    )


@permission_required(OWN, raise_exception=True)
def my_vehicle_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    done = reverse("parking:my_vehicles")
    return _add(request, expert, done=done, back=done, for_someone_else=False)


@permission_required(OWN, raise_exception=True)
def my_vehicle_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    vehicle = queries.own_vehicle(expert, pk)
    done = reverse("parking:my_vehicles")
    return _remove(request, vehicle, done=done, back=done, for_someone_else=False)


@permission_required(OWN, raise_exception=True)
def my_vehicle_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    vehicle = queries.own_vehicle(expert, pk)
    done = reverse("parking:my_vehicles")
    return _change(request, vehicle, done=done, back=done, for_someone_else=False)


def _expert(request: AuthenticatedHttpRequest, pk: int):
    """The record, or 404 for someone who may not see it; then 403 without the permission."""
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return expert


def vehicle_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    page = reverse("parking:expert_parking", args=[expert.pk])
    return _add(request, expert, done=page, back=page, for_someone_else=True)


def vehicle_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vehicle = queries.get_vehicle_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    page = reverse("parking:expert_parking", args=[vehicle.expert_id])
    return _remove(request, vehicle, done=page, back=page, for_someone_else=True)


def vehicle_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vehicle = queries.get_vehicle_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    page = reverse("parking:expert_parking", args=[vehicle.expert_id])
    return _change(request, vehicle, done=page, back=page, for_someone_else=True)
