"""Asking for involvement, following your requests, and the involvement team's review."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.opportunities.choices import RequestStatus
from coproduce.opportunities.forms.requests import (
    DetailsForm,
    RequestForm,
    ReviewForm,
    ScheduleFields,
)
from coproduce.opportunities.pay import fee_table, pay_of, pay_warnings
from coproduce.opportunities.queries import requests as queries
from coproduce.opportunities.queries.warnings import warnings_for
from coproduce.opportunities.services import requests as services

PAGE_SIZE = 25
EDITABLE = {RequestStatus.REQUESTED, RequestStatus.CHANGES_REQUESTED}


def _page(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@permission_required("opportunities.request_involvement", raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, initial={"team": request.user.team_id})
    if request.method == "POST" and form.is_valid():
        opportunity = services.request_involvement(
            actor=request.user, values=form.values(), sessions=form.planned_sessions()
        )
        messages.success(
            request,
            "Your request has been sent. The involvement team will reply by email.",
        )
        return redirect("opportunities:request_detail", pk=opportunity.pk)
    return render(request, "opportunities/request_form.jinja", {"form": form, "opportunity": None})


@permission_required("opportunities.request_involvement", raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = _page(request, queries.requests_for(request.user))
    return render(request, "opportunities/request_list.jinja", {"page": page})


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.get_request_for(request.user, pk)
    sessions = queries.sessions_of(opportunity)
    return render(
        request,
        "opportunities/request_detail.jinja",
        {
            "opportunity": opportunity,
            "sessions": sessions,
            "pay": pay_of(opportunity, sessions),
            "wanted": queries.wanted_of(opportunity),
            "warnings": warnings_for(opportunity),
            "editable": opportunity.status in EDITABLE,
            "can_review": request.user.has_perm("opportunities.review_request"),
            "now": timezone.now(),
        },
    )


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The requester changes their request and sends it again."""
    opportunity = queries.get_request_for(request.user, pk)
    if opportunity.status not in EDITABLE:
        messages.info(request, "This request has been decided, so it can no longer be changed.")
        return redirect("opportunities:request_detail", pk=pk)
    initial = {**DetailsForm.initial_from(opportunity), **ScheduleFields.initial_from(opportunity)}
    form = RequestForm(request.POST or None, initial=initial, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.resubmit_request(
                actor=request.user,
                opportunity=opportunity,
                values=form.values(),
                sessions=form.planned_sessions(),
            )
        except services.NotAllowedNow as error:
            messages.info(request, str(error))
        else:
            messages.success(request, "Your request has been changed and sent again.")
        return redirect("opportunities:request_detail", pk=pk)
    return render(
        request, "opportunities/request_form.jinja", {"form": form, "opportunity": opportunity}
    )


@permission_required("opportunities.review_request", raise_exception=True)
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = _page(request, queries.review_queue(request.user))
    rows = [(o, warnings_for(o)) for o in page.object_list]
    return render(request, "opportunities/request_queue.jinja", {"page": page, "rows": rows})


def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.get_request_for(request.user, pk)
    if not request.user.has_perm("opportunities.review_request"):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = {
            RequestStatus.APPROVED: lambda: services.approve_request(
                actor=request.user, opportunity=opportunity, note=form.cleaned_data["note"]
            ),
            RequestStatus.CHANGES_REQUESTED: lambda: services.ask_for_changes(
                actor=request.user, opportunity=opportunity, note=form.cleaned_data["note"]
            ),
            RequestStatus.DECLINED: lambda: services.decline_request(
                actor=request.user, opportunity=opportunity, reason=form.cleaned_data["note"]
            ),
        }[form.cleaned_data["decision"]]
        try:
            decided = decide()
        except services.NotAllowedNow as error:
            messages.info(request, str(error))
            return redirect("opportunities:request_review", pk=pk)
        messages.success(
            request,
            f"{decided.get_status_display()}: {decided.requested_by.display_name} has been told.",
        )
        if decided.status == RequestStatus.APPROVED:
            return redirect("opportunities:opportunity_detail", pk=pk)
        return redirect("opportunities:review_queue")
    sessions = queries.sessions_of(opportunity)
    prices = fee_table()
    return render(
        request,
        "opportunities/request_review.jinja",
        {
            "opportunity": opportunity,
            "sessions": sessions,
            "pay": pay_of(opportunity, sessions, prices=prices),
            "wanted": queries.wanted_of(opportunity),
            "warnings": warnings_for(opportunity),
            "pay_warnings": pay_warnings(opportunity, sessions, prices=prices),
            "form": form if opportunity.status == RequestStatus.REQUESTED else None,
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )
