"""The involvement team's pages for mailing lists: all lists, making and changing one, its
members a page at a time (with removing one), and finding experts to add."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.lists import queries, services
from coproduce.comms.lists.forms import FindExpertsForm, ListForm
from coproduce.core.formats import count_of
from coproduce.people.queries import RegisterFilters, experts_by_id, search_register

MANAGE = "mailing.manage_lists"
FOUND_SHOWN = 25


def _start(request, name: str = "page", size: int = queries.PAGE) -> tuple[int, int]:
    text = request.GET.get(name, "1")
    number = int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1
    return number, (number - 1) * size


@permission_required(MANAGE, raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "mailing/lists.jinja", {"lists": list(queries.all_lists())})


@permission_required(MANAGE, raise_exception=True)
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = services.save_list(actor=request.user, values=form.cleaned_data)
        messages.success(request, f"The list ‘{made.name}’ is made. Now add its members.")
        return redirect("mailing:list", pk=made.pk)
    return render(request, "mailing/list_form.jinja", {"form": form, "mailing_list": None})


@permission_required(MANAGE, raise_exception=True)
def change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mailing_list = queries.list_or_404(pk)
    form = ListForm(request.POST or None, mailing_list=mailing_list)
    if request.method == "POST" and form.is_valid():
        services.save_list(actor=request.user, values=form.cleaned_data, mailing_list=mailing_list)
        messages.success(request, "Changes saved.")
        return redirect("mailing:list", pk=mailing_list.pk)
    return render(request, "mailing/list_form.jinja", {"form": form, "mailing_list": mailing_list})


@permission_required(MANAGE, raise_exception=True)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mailing_list = queries.list_or_404(pk)
    number, start = _start(request)
    members, count = queries.members_page(mailing_list, start)
    return render(
        request,
        "mailing/list.jinja",
        {
            "mailing_list": mailing_list,
            "members": members,
            "count": count,
            "number": number,
            "pages": max(1, -(-count // queries.PAGE)),
            "sent_messages": list(queries.messages_of(mailing_list)[:20]),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def add_members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Find experts by name, email or phone, tick the ones to add, add them."""
    mailing_list = queries.list_or_404(pk)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("expert") if v.isdigit()]
        if not ids:
            messages.error(request, "Choose at least one person to add")
            return redirect(f"{request.path}?{urlencode({'q': request.POST.get('q', '')})}")
        added = services.add_members(
            actor=request.user, mailing_list=mailing_list, experts=list(experts_by_id(ids))
        )
        messages.success(request, f"{count_of(added, 'person', 'people')} added to the list.")
        return redirect("mailing:list", pk=mailing_list.pk)
    form = FindExpertsForm(request.GET if "q" in request.GET else None)
    found: list = []
    if form.is_bound and form.is_valid():
        found = list(search_register(RegisterFilters(text=form.cleaned_data["q"]))[:FOUND_SHOWN])
    return render(
        request,
        "mailing/add_members.jinja",
        {
            "mailing_list": mailing_list,
            "form": form,
            "found": found,
            "already": queries.member_ids(mailing_list, found) if found else set(),
            "most": FOUND_SHOWN,
        },
    )


@permission_required(MANAGE, raise_exception=True)
@require_POST
def remove_member(request: AuthenticatedHttpRequest, pk: int, expert_pk: int) -> HttpResponse:
    mailing_list = queries.list_or_404(pk)
    found = list(experts_by_id([expert_pk]))
    if found and services.remove_member(
        actor=request.user, mailing_list=mailing_list, expert=found[0]
    ):
        messages.success(request, f"{found[0].full_name} is no longer on the list.")
    else:
        messages.info(request, "They were not on the list.")
    return redirect("mailing:list", pk=mailing_list.pk)
