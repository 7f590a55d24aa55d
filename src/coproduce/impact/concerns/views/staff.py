"""The involvement team's concern pages: the list (open first, safeguarding at the top), one
concern with its history, and the steps taken on it; and recording a concern an expert raised
by phone or in person. Safeguarding contacts see the safeguarding concerns and nothing more."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.audit.services import record_view
from coproduce.impact.concerns import presenters, queries, services
from coproduce.impact.concerns.forms import (
    CloseForm,
    FilterForm,
    ReopenForm,
    RespondForm,
    TriageForm,
)
from coproduce.impact.concerns.views.mine import raise_form, save_raised
from coproduce.people import queries as people_queries

LIST = "concerns.view_concern_list"
MANAGE = "concerns.manage_concerns"
PAGE_SIZE = 25


def _query_without_page(request: AuthenticatedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@permission_required(LIST, raise_exception=True)
def concern_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queries.ListFilters(
        status=data.get("status") or "",
        about=data.get("about") or "",
        safeguarding=bool(data.get("safeguarding")),
    )
    page = Paginator(queries.concern_list(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    team = request.user.has_perm(MANAGE)
    return render(
        request,
        "concerns/list.jinja",
        {
            "filter_form": form,
            "page": page,
            "rows": presenters.rows(page.object_list),
            "query": _query_without_page(request),
            "no_contacts": team and not queries.has_safeguarding_contacts(),
            "team": team,
        },
    )


def _concern(request: AuthenticatedHttpRequest, pk: int, *, manage: bool = True):
    """The concern, or 404 for anyone who may not see it; then 403 to act on it without the
    permission."""
    concern = queries.concern_for(request.user, pk)
    if manage and not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return concern


@permission_required(LIST, raise_exception=True)
def concern(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _concern(request, pk, manage=False)
    # What the expert wrote is special-category data: who opened it is kept.
    record_view(viewer=request.user, instance=found.expert, what=f"concern {found.reference}")
    return render(
        request,
        "concerns/concern.jinja",
        {
            "concern": found,
            "about": presenters.what_about(found, request.user),
            "waited": presenters.waited(found),
            "status_tag": presenters.STATUS_TAGS[found.Status(found.status)],
            "history": presenters.history_items(queries.history(found)),
            "team": request.user.has_perm(MANAGE),
        },
    )


def _step_page(request, found, form, template: str, status: int = 200) -> HttpResponse:
    return render(
        request,
        f"concerns/{template}.jinja",
        {"concern": found, "form": form},
        status=400 if form.errors else status,
    )


@permission_required(MANAGE, raise_exception=True)
def triage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _concern(request, pk)
    handlers = list(queries.handlers())
    form = TriageForm(
        request.POST if request.method == "POST" else None,
        handlers=handlers,
        initial={
            "category": found.category,
            "handler": found.handler_id or request.user.pk,
            "safeguarding": found.safeguarding,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        handler = next(u for u in handlers if u.pk == data["handler"])
        try:
            services.triage(
                actor=request.user,
                concern=found,
                category=data["category"],
                handler=handler,
                safeguarding=data["safeguarding"],
            )
        except services.ConcernError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Concern {found.reference} is triaged.")
        return redirect("concerns:concern", pk=found.pk)
    return _step_page(request, found, form, "triage")


@permission_required(MANAGE, raise_exception=True)
def respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _concern(request, pk)
    form = RespondForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(
                actor=request.user,
                concern=found,
                text=form.cleaned_data["text"],
                submission=form.cleaned_data.get("submission"),
            )
        except services.ConcernError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Your reply is sent. We are emailing {found.expert.display_name} to say so.",
            )
        return redirect("concerns:concern", pk=found.pk)
    return _step_page(request, found, form, "respond")


@permission_required(MANAGE, raise_exception=True)
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _concern(request, pk)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close(actor=request.user, concern=found, note=form.cleaned_data["note"])
        except services.ConcernError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Concern {found.reference} is closed.")
        return redirect("concerns:concern", pk=found.pk)
    return _step_page(request, found, form, "close")


@permission_required(MANAGE, raise_exception=True)
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _concern(request, pk)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen(actor=request.user, concern=found, reason=form.cleaned_data["reason"])
        except services.ConcernError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Concern {found.reference} is open again.")
        return redirect("concerns:concern", pk=found.pk)
    return _step_page(request, found, form, "reopen")


def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A concern an expert raised by phone, in person or in writing, recorded for them."""
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    form = raise_form(request, expert, for_someone_else=True, user=request.user)
    if request.method == "POST" and form.is_valid():
        found = save_raised(request, expert, form, received=form.cleaned_data["received"])
        if found is not None:
            messages.success(
                request, f"Concern {found.reference} is recorded for {expert.full_name}."
            )
            return redirect("concerns:concern", pk=found.pk)
    return render(
        request,
        "concerns/record.jinja",
        {"form": form, "expert": expert},
        status=400 if form.errors else 200,
    )
