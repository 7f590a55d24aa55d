"""Feedback pages: the expert's form (in the portal, and from the link in the email, without
signing in), the feedback on one session, and the overview across sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from coproduce.accounts import queries as accounts_queries
from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.feedback import links, queries, services
from coproduce.impact.feedback.forms import FeedbackForm, PeriodForm
from coproduce.people.queries import signed_in_expert

PAGE_SIZE = 25
SOMEONE_ELSE = "This link is for someone else"


def _thanks(title: str) -> str:
    return f"Thank you for telling us how {title} went."


# The expert's form --------------------------------------------------------------------------


@permission_required("feedback.give", raise_exception=True)
def give(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The form in the portal, for one of the expert's own sessions still waiting for it."""
    expert = signed_in_expert(request.user)
    invitation = queries.place_to_tell_about(expert, pk)
    if invitation is None:
        raise Http404
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_feedback(
                invitation=invitation, answers=form.answers(), actor=request.user
            )
        except services.FeedbackError as error:
            problem = error.message
        else:
            messages.success(request, _thanks(invitation.session.opportunity.title))
            return redirect("opportunities:my_involvement")
    return render(
        request,
        "feedback/give.jinja",
        {"form": form, "session": invitation.session, "problem": problem},
        status=400 if form.errors or problem else 200,
    )


def _for_someone_else(request: HttpRequest, check: links.LinkCheck) -> bool:
    """An expert signed in as themselves cannot answer for another expert."""
    user = request.user
    expert = getattr(user, "expert", None) if user.is_authenticated else None
    return (
        check.request is not None
        and expert is not None
        and check.request.invitation.expert_id != expert.pk
    )


def _problem(request: HttpRequest, check: links.LinkCheck) -> HttpResponse:
    """Why the link cannot be used; an expired link leads to the same form in the portal."""
    sign_in = ""
    if check.problem == links.LINK_EXPIRED and check.request is not None:
        sign_in = reverse("feedback:give", args=[check.request.invitation_id])
    return render(
        request,
        "feedback/link_problem.jinja",
        {"problem": check.problem, "check": check, "sign_in": sign_in},
    )


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The form from the link in the email: no sign-in, the signed link is the permission.
    Opening it saves nothing; pressing the button saves all the answers or none."""
    check = links.check_link(token)
    if _for_someone_else(request, check):
        return render(request, "feedback/link_problem.jinja", {"problem": SOMEONE_ELSE}, status=403)
    if not check.usable or check.request is None:
        return _problem(request, check)
    invitation = check.request.invitation
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_feedback(invitation=invitation, answers=form.answers())
        except services.FeedbackError as error:
            if error.message == links.ALREADY_ANSWERED:
                check.problem = error.message
                return _problem(request, check)
            form.add_error(None, error.message)
        else:
            return redirect("feedback:feedback_link_thanks")
    return render(
        request,
        "feedback/give.jinja",
        {"form": form, "session": invitation.session, "by_link": True},
        status=400 if form.errors else 200,
    )


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/thanks.jinja")


# The team's pages ---------------------------------------------------------------------------


def _only_their_own(user) -> int | None:
    """Staff see the feedback on the work they asked for; the involvement team sees all."""
    return None if user.has_perm("feedback.view_all") else user.pk


@permission_required("feedback.view", raise_exception=True)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = list(accounts_queries.teams())
    form = PeriodForm(request.GET or None, teams=teams)
    chosen: dict = form.cleaned_data if form.is_valid() else {}
    filters = queries.Filters(
        start=chosen.get("start"),
        end=chosen.get("end"),
        team_id=chosen.get("team"),
        requested_by_id=_only_their_own(request.user),
    )
    figures = queries.figures(filters, user=request.user)
    page = Paginator(queries.sessions_asked(filters, user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/overview.jinja",
        {
            "form": form,
            "figures": figures,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(chosen and any(chosen.values())),
        },
        status=400 if form.errors else 200,
    )


@permission_required("feedback.view", raise_exception=True)
def session_feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = queries.session_for(request.user, pk, requested_by_id=_only_their_own(request.user))
    if session is None:
        raise Http404
    answered, waiting = queries.who_was_asked(session)
    figures = queries.figures(queries.Filters(session_id=session.pk), user=request.user)
    return render(
        request,
        "feedback/session.jinja",
        {
            "session": session,
            "figures": figures,
            "answered": answered,
            "waiting": waiting,
            "comments": queries.comments_on(session, anonymous=not figures.held_back),
            "back": reverse("feedback:overview"),
        },
    )
