"""The lists that describe expertise, kept by the involvement team without a developer."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.people import queries, services
from coproduce.people.forms import ChoiceEntryForm
from coproduce.people.models import AccessNeed, LivedExperienceArea, Locality, Skill

LISTS = {
    "lived-experience": (LivedExperienceArea, "Lived experience areas", "lived experience area"),
    "skills": (Skill, "Skills", "skill"),
    "access-needs": (AccessNeed, "Access and communication needs", "access need"),
    "localities": (Locality, "Localities", "locality"),
}


def _list(kind: str):
    if kind not in LISTS:
        raise Http404
    return LISTS[kind]


@permission_required("people.manage_lists", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "people/lists.jinja", {"lists": LISTS})


@permission_required("people.manage_lists", raise_exception=True)
def entries(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    model, title, singular = _list(kind)
    rows = queries.list_entries(model)
    form = ChoiceEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_list_entry(actor=request.user, model=model, **form.cleaned_data)
        except services.NameTaken:
            form.add_error("name", f"There is already a {singular} with that name")
        else:
            messages.success(request, f"Added {form.cleaned_data['name']}.")
            return redirect("people:list_entries", kind=kind)
    return render(
        request,
        "people/list_entries.jinja",
        {"kind": kind, "title": title, "singular": singular, "rows": rows, "form": form},
    )


@permission_required("people.manage_lists", raise_exception=True)
def edit_entry(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    model, title, singular = _list(kind)
    entry = get_object_or_404(model, pk=pk)
    form = ChoiceEntryForm(
        request.POST or None,
        initial={"name": entry.name, "description": entry.description, "active": entry.active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_list_entry(actor=request.user, entry=entry, **form.cleaned_data)
        except services.NameTaken:
            form.add_error("name", f"There is already a {singular} with that name")
        else:
            messages.success(request, "Changes saved.")
            return redirect("people:list_entries", kind=kind)
    return render(
        request,
        "people/list_entry_form.jinja",
        {"kind": kind, "title": title, "singular": singular, "entry": entry, "form": form},
    )
