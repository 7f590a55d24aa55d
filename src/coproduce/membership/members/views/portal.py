"""An Expert by Experience becoming a Foundation Trust member from their portal, in one step:
the details from their record, asking only for what it does not hold."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.membership.members import queries, services
from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.forms import ExpertJoinForm
from coproduce.people.queries import signed_in_expert


@never_cache
@permission_required("members.join_from_portal", raise_exception=True)
def expert_join(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    found = queries.member_of_expert(expert)
    if found is not None and found.is_member:
        messages.info(request, "You are a member already.")
        return redirect("home")
    form = ExpertJoinForm(request.POST or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        assert form.constituency is not None
        try:
            joined = services.join(
                actor=request.user,
                values=form.details(),
                constituency=form.constituency,
                joined_by=JoinedBy.EXPERT_PORTAL,
                expert=expert,
                privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            if joined.member is not None:
                messages.success(
                    request,
                    f"You are now a member of the trust, in the {joined.member.constituency.name} "
                    "constituency.",
                )
            else:
                messages.info(
                    request, "You are a member already: we have emailed you how to manage it."
                )
            return redirect("home")
    return render(
        request,
        "members/expert_join.jinja",
        {"form": form, "expert": expert, "minimum_age": queries.minimum_age()},
        status=400 if form.errors else 200,
    )
