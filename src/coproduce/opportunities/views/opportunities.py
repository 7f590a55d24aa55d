"""The involvement team's opportunities: the list, creating one directly, its page with its
sessions, editing and publishing it, and adding, changing and cancelling sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.opportunities.choices import RequestStatus, SessionStatus
from coproduce.opportunities.forms.requests import DetailsForm, RequestForm
from coproduce.opportunities.forms.sessions import CancelSessionForm, SessionForm
from coproduce.opportunities.models import Opportunity, Session
from coproduce.opportunities.pay import pay_of
from coproduce.opportunities.queries import requests as queries
from coproduce.opportunities.queries.pages import opportunity_or_404, session_or_404
from coproduce.opportunities.queries.warnings import warnings_for
from coproduce.opportunities.services import requests as services
from coproduce.opportunities.services import sessions as session_services

PAGE_SIZE = 25
TABS = [
    ("published", "Published"),
    ("approved", "Approved, to publish"),
    ("closed", "Declined or cancelled"),
]
MANAGE = "opportunities.manage"


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return opportunity_or_404(pk, "team", "requested_by", "venue", "group", user=request.user)


@permission_required(MANAGE, raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "published")
    if tab not in dict(TABS):
        tab = "published"
    page = Paginator(queries.opportunities_in(tab, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "opportunities/opportunity_list.jinja",
        {
            "page": page,
            "tab": tab,
            "tabs": TABS,
            "waiting": queries.review_queue(request.user).count(),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, initial={"team": request.user.team_id})
    if request.method == "POST" and form.is_valid():
        opportunity = services.create_opportunity(
            actor=request.user, values=form.values(), sessions=form.planned_sessions()
        )
        messages.success(request, "Opportunity published.")
        return redirect("opportunities:opportunity_detail", pk=opportunity.pk)
    return render(
        request, "opportunities/opportunity_form.jinja", {"form": form, "opportunity": None}
    )


@permission_required(MANAGE, raise_exception=True)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    sessions = queries.sessions_of(opportunity)
    return render(
        request,
        "opportunities/opportunity_detail.jinja",
        {
            "opportunity": opportunity,
            "sessions": sessions,
            "pay": pay_of(opportunity, sessions),
            "wanted": queries.wanted_of(opportunity),
            "warnings": warnings_for(opportunity),
            "now": timezone.now(),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = DetailsForm(
        request.POST or None,
        initial=DetailsForm.initial_from(opportunity),
        opportunity=opportunity,
    )
    if request.method == "POST" and form.is_valid():
        services.update_opportunity(
            actor=request.user, opportunity=opportunity, values=form.values()
        )
        messages.success(request, "Changes saved.")
        return redirect("opportunities:opportunity_detail", pk=pk)
    return render(
        request,
        "opportunities/opportunity_form.jinja",
        {"form": form, "opportunity": opportunity},
    )


@require_POST
@permission_required(MANAGE, raise_exception=True)
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    try:
        services.publish_opportunity(actor=request.user, opportunity=opportunity)
    except services.NotAllowedNow as error:
        messages.info(request, str(error))
    else:
        messages.success(request, "Opportunity published. You can now find and invite experts.")
    return redirect("opportunities:opportunity_detail", pk=pk)


@permission_required(MANAGE, raise_exception=True)
def add_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = SessionForm(
        request.POST or None, initial={"venue": opportunity.venue_id}, past_for=opportunity
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = session_services.add_session(
                actor=request.user, opportunity=opportunity, **form.values()
            )
        except session_services.PastSessionRefused as error:
            form.add_error("date", str(error))
        else:
            if session.starts_at <= timezone.now():
                messages.success(
                    request, "Past session added. Nobody has been told. Record who came."
                )
                return redirect("opportunities:session_attendance", pk=session.pk)
            messages.success(request, "Session added.")
            return redirect("opportunities:opportunity_detail", pk=pk)
    return render(
        request,
        "opportunities/session_form.jinja",
        {
            "form": form,
            "opportunity": opportunity,
            "session": None,
            "can_add_past": opportunity.status == RequestStatus.PUBLISHED,
            "earliest_past_day": session_services.earliest_past_day(),
        },
    )


def _session(request: HttpRequest, pk: int) -> Session:
    return session_or_404(pk, "opportunity", "venue", user=request.user)


def _refuse_if_past(request: HttpRequest, session: Session) -> HttpResponse | None:
    if session.starts_at <= timezone.now():
        messages.info(request, "This session has already started, so it cannot be changed.")
        return redirect("opportunities:opportunity_detail", pk=session.opportunity_id)
    if session.status == SessionStatus.CANCELLED:
        messages.info(request, "This session is cancelled.")
        return redirect("opportunities:opportunity_detail", pk=session.opportunity_id)
    return None


@permission_required(MANAGE, raise_exception=True)
def edit_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if (refused := _refuse_if_past(request, session)) is not None:
        return refused
    form = SessionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.change_session(actor=request.user, session=session, **form.values())
        except session_services.SessionInPast as error:
            messages.info(request, str(error))
        else:
            messages.success(request, "Session changed. Everyone invited will be told.")
        return redirect("opportunities:opportunity_detail", pk=session.opportunity_id)
    return render(
        request,
        "opportunities/session_form.jinja",
        {"form": form, "opportunity": session.opportunity, "session": session},
    )


@permission_required(MANAGE, raise_exception=True)
def cancel_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if (refused := _refuse_if_past(request, session)) is not None:
        return refused
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.cancel_session(
                actor=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except session_services.SessionInPast as error:
            messages.info(request, str(error))
        else:
            messages.success(request, "Session cancelled. Everyone invited will be told.")
        return redirect("opportunities:opportunity_detail", pk=session.opportunity_id)
    return render(
        request,
        "opportunities/session_cancel.jinja",
        {"form": form, "opportunity": session.opportunity, "session": session},
    )
