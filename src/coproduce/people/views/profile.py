"""An expert's profile as the involvement team sees it, and the forms that change it."""

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.audit import queries as audit_queries
from coproduce.audit import services as audit
from coproduce.people import queries, services
from coproduce.people.audit_presenters import AuditEventPresenter
from coproduce.people.contributions import profile_sections_for
from coproduce.people.forms import AddExpertForm, ExpertForm, StatusForm
from coproduce.people.presenters import ExpertPresenter


def _require(request: HttpRequest, permission: str) -> None:
    """Checked after the record lookup, so that someone who may not see an expert gets 404
    whether or not the record exists."""
    if not request.user.has_perm(permission):
        raise PermissionDenied


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk, erased=True)
    _require(request, "people.view_register")
    audit.record_view(viewer=request.user, instance=expert)
    if expert.erased_at is not None:
        # Nothing is left to show or do: the record says only when it was erased.
        return render(request, "people/erased.jinja", {"expert": expert})
    return _render_detail(request, expert, StatusForm(initial={"status": expert.status}))


def _render_detail(request: HttpRequest, expert, status_form: StatusForm, status: int = 200):
    context = {
        "expert": expert,
        "p": ExpertPresenter(expert),
        "status_history": list(queries.status_history(expert)[:20]),
        "status_form": status_form,
        # What other apps show on the profile: the meetings attended (opportunities).
        "sections": profile_sections_for(request.user, expert),
    }
    if status_form.errors:
        context["form"] = status_form  # the layout's error summary reads `form`
    return render(request, "people/detail.jinja", context, status=status)


def history(request: HttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk)
    _require(request, "people.view_audit")
    return render(
        request,
        "people/history.jinja",
        {
            "expert": expert,
            "events": [AuditEventPresenter(e) for e in audit_queries.history_of(expert)[:200]],
            "views": list(audit_queries.views_of(expert)[:50]),
        },
    )


@permission_required("people.add_expert", raise_exception=True)
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AddExpertForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        expert = services.add_expert(actor=request.user, values=form.profile_values())
        messages.success(request, f"{expert.full_name} has been added to the register.")
        return redirect("people:expert_detail", pk=expert.pk)
    return render(request, "people/expert_form.jinja", {"form": form, "expert": None})


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk)
    _require(request, "people.change_expert")
    form = ExpertForm(request.POST or None, request.FILES or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        values = form.profile_values()
        if values["email"] and expert.user and values["email"] != expert.user.email.lower():
            # Their sign-in email changes too: whoever reads the new inbox can sign in as
            # them, so the member of staff confirms it is them first (allauth replays the form
            # after; a photo chosen in the same form has to be chosen again).
            raise_if_reauthentication_required(request, app="")
        services.update_expert(actor=request.user, expert=expert, values=values)
        messages.success(request, "Changes saved.")
        return redirect("people:expert_detail", pk=expert.pk)
    return render(request, "people/expert_form.jinja", {"form": form, "expert": expert})


@require_POST
def change_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk)
    _require(request, "people.change_expert")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                actor=request.user,
                expert=expert,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except services.NotReady as problem:
            # Active only through the onboarding checklist: said beside the choice, with what
            # was chosen and typed kept.
            form.add_error("status", str(problem))
        else:
            messages.success(request, f"Status is now {expert.get_status_display()}.")
            return redirect("people:expert_detail", pk=expert.pk)
    return _render_detail(request, expert, form, status=400)


@require_POST
def make_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Makes an expert whose onboarding checklist is complete active in one step; refused,
    naming what is still to do, when it is not. Goes back to the page it came from (the
    onboarding list or the profile)."""
    expert = queries.get_expert_for(request.user, pk)
    _require(request, "people.change_expert")
    try:
        services.make_active(actor=request.user, expert=expert)
    except services.NotReady as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"{expert.full_name} is now active.")
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("people:expert_detail", pk=expert.pk)


@require_POST
def remove_photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk)
    _require(request, "people.change_expert")
    services.remove_photo(actor=request.user, expert=expert)
    messages.success(request, "Photo removed.")
    return redirect("people:expert_detail", pk=expert.pk)


def photo(request: HttpRequest, pk: int) -> FileResponse:
    """Photos are private: served only to someone who may see the expert."""
    expert = queries.get_expert_for(request.user, pk)
    if not expert.photo:
        raise Http404
    response = FileResponse(expert.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
