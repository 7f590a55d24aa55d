"""Answering an invitation from the links in an email, without signing in. Opening a link
only shows the meeting and asks; the answer is sent by pressing a button (a POST), so an email
system that opens links to check them cannot answer for anyone."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.opportunities import answer_links
from coproduce.opportunities.notify import Details
from coproduce.opportunities.pay import warnings_for_invitations
from coproduce.opportunities.services import invitations as services

SOMEONE_ELSE = "This invitation is for someone else"


def _for_someone_else(request: HttpRequest, check: answer_links.LinkCheck) -> bool:
    """An expert signed in as themselves cannot answer another expert's invitation."""
    user = request.user
    expert = getattr(user, "expert", None) if user.is_authenticated else None
    return (
        check.invitation is not None
        and expert is not None
        and check.invitation.expert_id != expert.pk
    )


def _page(request, template: str, check: answer_links.LinkCheck, status: int = 200, **extra):
    context = {
        "check": check,
        "d": Details(check.invitation) if check.invitation else None,
        "problem": check.problem,
        **extra,
    }
    return render(request, template, context, status=status)


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    check = answer_links.check_answer_link(token)
    if _for_someone_else(request, check):
        return render(
            request, "opportunities/answer_problem.jinja", {"problem": SOMEONE_ELSE}, status=403
        )
    if request.method == "POST":
        try:
            services.answer_by_link(token=token, answer=request.POST.get("answer", ""))
        except services.InvitationError as error:
            check = answer_links.check_answer_link(token)
            check.problem = error.message
            return _page(request, "opportunities/answer.jinja", check)
        return redirect("opportunities:invitation_answered", token=token)
    chosen = request.GET.get("answer", "")
    usable = check.invitation if check.usable else None
    offered = services.answers_for(usable) if usable is not None else ()
    # The benefits guard at acceptance. Said without figures: whoever holds the link is
    # not signed in, so the expert's earnings stay in the portal.
    affects_benefits = bool(
        usable is not None and warnings_for_invitations([usable]).get(usable.pk)
    )
    return _page(
        request,
        "opportunities/answer.jinja",
        check,
        chosen=chosen if chosen in offered else (offered[0] if offered else ""),
        offered=offered,
        affects_benefits=affects_benefits,
    )


@never_cache
def answered(request: HttpRequest, token: str) -> HttpResponse:
    """What happened, after the answer is saved (the link is used by then)."""
    check = answer_links.check_answer_link(token)
    if _for_someone_else(request, check):
        return render(
            request, "opportunities/answer_problem.jinja", {"problem": SOMEONE_ELSE}, status=403
        )
    if check.invitation is None or check.problem not in ("", answer_links.ALREADY_ANSWERED):
        return _page(request, "opportunities/answer.jinja", check)
    return _page(request, "opportunities/answer_done.jinja", check, token=token)
