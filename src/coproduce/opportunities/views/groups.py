"""Standing groups: the list, adding and changing a group, its members, and its meeting
series (opportunities belonging to the group)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.opportunities.choices import Kind
from coproduce.opportunities.forms.groups import AddMemberForm, GroupForm, MemberSearchForm
from coproduce.opportunities.forms.requests import RequestForm
from coproduce.opportunities.models import Group
from coproduce.opportunities.queries import groups as queries
from coproduce.opportunities.services import groups as services
from coproduce.opportunities.services import requests as request_services

MANAGE = "opportunities.manage"


def _group(pk: int) -> Group:
    return queries.group_or_404(pk)


@permission_required(MANAGE, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "opportunities/group_list.jinja", {"groups": list(queries.groups_with_counts())}
    )


@permission_required(MANAGE, raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(actor=request.user, values=form.cleaned_data)
        except services.GroupNameTaken:
            form.add_error("name", GroupForm.NAME_TAKEN)
        else:
            messages.success(request, f"{group.name} added.")
            return redirect("opportunities:group_detail", pk=group.pk)
    return render(request, "opportunities/group_form.jinja", {"form": form, "group": None})


@permission_required(MANAGE, raise_exception=True)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    current, former = queries.memberships_of(group)
    return render(
        request,
        "opportunities/group_detail.jinja",
        {
            "group": group,
            "current": current,
            "former": former,
            "series": list(queries.series_of(group)),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    form = GroupForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(actor=request.user, group=group, values=form.cleaned_data)
        except services.GroupNameTaken:
            form.add_error("name", GroupForm.NAME_TAKEN)
        else:
            messages.success(request, "Changes saved.")
            return redirect("opportunities:group_detail", pk=pk)
    return render(request, "opportunities/group_form.jinja", {"form": form, "group": group})


@permission_required(MANAGE, raise_exception=True)
def add_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Find an active expert by name, then add them with their role and the day they joined."""
    group = _group(pk)
    search = MemberSearchForm(request.GET or request.POST or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    found = queries.experts_to_add(group, text)
    form = AddMemberForm(request.POST or None, choices=found)
    if request.method == "POST" and form.is_valid():
        expert = form.cleaned_data["expert"]
        services.add_member(
            actor=request.user,
            group=group,
            expert=expert,
            role=form.cleaned_data["role"],
            joined_on=form.cleaned_data["joined_on"],
        )
        messages.success(request, f"{expert.full_name} is now a member of {group.name}.")
        return redirect("opportunities:group_detail", pk=pk)
    return render(
        request,
        "opportunities/group_member_add.jinja",
        {"group": group, "search": search, "text": text, "found": found, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(MANAGE, raise_exception=True)
def remove_member(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = queries.membership_or_404(pk, membership_pk)
    if membership.left_on is None:
        services.remove_member(
            actor=request.user, membership=membership, left_on=timezone.localdate()
        )
        messages.success(
            request, f"{membership.expert.full_name} has left {membership.group.name}."
        )
    return redirect("opportunities:group_detail", pk=pk)


@permission_required(MANAGE, raise_exception=True)
def new_series(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A meeting series for the group: an opportunity with the group's sessions."""
    group = _group(pk)
    initial = {
        "title": f"{group.name} meetings",
        "team": group.team_id or request.user.team_id,
        "kind": Kind.COMMITTEE,
        "places": max(group.memberships.filter(left_on__isnull=True).count(), 2),
    }
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        opportunity = request_services.create_opportunity(
            actor=request.user, values=form.values(), sessions=form.planned_sessions(), group=group
        )
        messages.success(request, "Meeting series published.")
        return redirect("opportunities:opportunity_detail", pk=opportunity.pk)
    return render(
        request,
        "opportunities/opportunity_form.jinja",
        {"form": form, "opportunity": None, "group": group},
    )
