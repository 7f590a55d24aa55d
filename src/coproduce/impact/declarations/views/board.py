"""The co-production board: its meetings, each meeting's agenda of declarations waiting, and
the review the involvement team records for each (status, comments and follow-ups)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import long_date
from coproduce.impact.declarations import queries, services
from coproduce.impact.declarations.forms import MeetingForm, ReviewForm
from coproduce.impact.declarations.models import BoardMeeting, Status
from coproduce.impact.declarations.views.declarations import HELPERS

REVIEW = "declarations.review"


def _meeting(pk: int) -> BoardMeeting:
    found = queries.meeting(pk)
    if found is None:
        raise Http404
    return found


@permission_required(REVIEW, raise_exception=True)
def meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "declarations/meetings.jinja",
        {"meetings": list(queries.meetings()), "waiting": queries.totals().waiting},
    )


@permission_required(REVIEW, raise_exception=True)
def meeting_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = MeetingForm(request.POST if posted else None)
    if posted and form.is_valid():
        made = services.plan_meeting(
            actor=request.user,
            held_on=form.cleaned_data["held_on"],
            group=form.cleaned_data["group"],
        )
        messages.success(request, f"The board meeting on {long_date(made.held_on)} is added.")
        return redirect("declarations:meeting", pk=made.pk)
    return render(
        request,
        "declarations/meeting_new.jinja",
        {"form": form},
        status=400 if form.errors else 200,
    )


@permission_required(REVIEW, raise_exception=True)
def meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The agenda: declarations waiting for the board, and what it decided at this meeting."""
    found = _meeting(pk)
    return render(
        request,
        "declarations/meeting.jinja",
        {
            "meeting": found,
            "waiting": queries.waiting_for_board(),
            "reviewed": queries.reviewed_at(found),
            **HELPERS,
        },
    )


@permission_required(REVIEW, raise_exception=True)
def review(request: AuthenticatedHttpRequest, pk: int, declaration_pk: int) -> HttpResponse:
    """Records what the board decided about one declaration at this meeting."""
    found = _meeting(pk)
    declaration = queries.declaration(declaration_pk)
    if declaration is None:
        raise Http404
    if declaration.status != Status.WAITING:
        messages.info(
            request, "The board has already reviewed this declaration since it last changed."
        )
        return redirect("declarations:detail", pk=declaration.pk)
    posted = request.method == "POST"
    form = ReviewForm(request.POST if posted else None)
    refused = ""
    if posted and form.is_valid():
        try:
            services.review(
                actor=request.user,
                meeting=found,
                declaration=declaration,
                decision=form.cleaned_data["decision"],
                comments=form.cleaned_data["comments"],
                follow_ups=form.follow_ups(),
            )
        except services.DeclarationError as problem:
            refused = str(problem)
        else:
            messages.success(
                request,
                f"The board's review of ‘{declaration.name}’ is recorded. "
                f"{declaration.owner.display_name} can see it on their declaration.",
            )
            return redirect("declarations:meeting", pk=found.pk)
    return render(
        request,
        "declarations/review.jinja",
        {
            "meeting": found,
            "declaration": declaration,
            "entries": queries.entries_of(declaration, request.user),
            "form": form,
            "refused": refused,
            **HELPERS,
        },
        status=400 if (form.errors or refused) else 200,
    )
