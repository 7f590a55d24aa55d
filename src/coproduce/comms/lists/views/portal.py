"""The expert's own mailing lists in the portal: the lists they are on, with a button to leave
each, and the open lists they may join."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.lists import queries, services
from coproduce.people.queries import signed_in_expert

JOIN = "mailing.join_lists"


@permission_required(JOIN, raise_exception=True)
def my_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    mine, others = queries.lists_for_expert(expert)
    return render(
        request, "mailing/my_lists.jinja", {"expert": expert, "mine": mine, "others": others}
    )


@permission_required(JOIN, raise_exception=True)
@require_POST
def join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    mailing_list = queries.list_or_404(pk)
    if expert.restricted_at is not None:
        messages.error(
            request,
            "You asked us to stop using your information, so we cannot add you to lists now",
        )
        return redirect("mailing:my_lists")
    try:
        services.join_list(expert=expert, mailing_list=mailing_list)
    except services.CannotJoin as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"You are on the list ‘{mailing_list.name}’.")
    return redirect("mailing:my_lists")


@permission_required(JOIN, raise_exception=True)
@require_POST
def leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    mailing_list = queries.list_or_404(pk)
    services.leave_list(expert=expert, mailing_list=mailing_list, actor=request.user)
    messages.success(request, f"You have left the list ‘{mailing_list.name}’.")
    return redirect("mailing:my_lists")
