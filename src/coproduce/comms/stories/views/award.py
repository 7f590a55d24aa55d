"""The Working Together award: the lead opens a year's round (dates and panel); anyone
signed in nominates while it is open (after the closing date they are told so, and nothing
is saved); the panel sees the nominations, shortlists, records the winners and announces them
to the gallery."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.stories import queries, services
from coproduce.comms.stories.forms import AwardRoundForm, NominationForm, WinnerForm
from coproduce.comms.stories.models import AwardRound, Category

SET = "stories.set_award"
JUDGE = "stories.judge_award"


def _round(pk: int) -> AwardRound:
    found = queries.award_round(pk)
    if found is None:
        raise Http404
    return found


def _judged(request: AuthenticatedHttpRequest, pk: int) -> AwardRound:
    award = _round(pk)
    if not request.user.has_perm(JUDGE, award):
        raise PermissionDenied
    return award


@permission_required(SET, raise_exception=True)
def rounds(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "stories/award_rounds.jinja", {"rounds": queries.rounds()})


@permission_required(SET, raise_exception=True)
def round_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    award = _round(pk) if pk else None
    form = AwardRoundForm(request.POST or None, people=queries.panel_choices(), award=award)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            award = services.set_award(actor=request.user, details=form.details(), award=award)
            messages.success(request, f"The {award.year} award round is saved.")
            return redirect("stories:award_panel", pk=award.pk)
        except services.StoryError as problem:
            refused = str(problem)
    return render(
        request,
        "stories/award_round_form.jinja",
        {"form": form, "award": award, "refused": refused},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("stories.nominate", raise_exception=True)
def nominate(request: AuthenticatedHttpRequest) -> HttpResponse:
    award = queries.current_round()
    today = timezone.localdate()
    form = NominationForm(request.POST or None)
    refused = ""
    if request.method == "POST" and award is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.nominate(
                actor=request.user,
                award=award,
                category=data["category"],
                nominee=data["nominee"],
                reason=data["reason"],
            )
            messages.success(request, f"Thank you. Your nomination for {data['nominee']} is made.")
            return redirect("stories:nominate")
        except services.StoryError as problem:
            refused = str(problem)
            award = queries.award_round(award.pk)
    return render(
        request,
        "stories/nominate.jinja",
        {
            "form": form,
            "award": award,
            "is_open": award is not None and award.is_open(today),
            "not_yet": award is not None and today < award.opens_on,
            "refused": refused,
            "judges": award is not None and request.user.has_perm(JUDGE, award),
        },
        status=400 if request.method == "POST" else 200,
    )


@permission_required("stories.nominate", raise_exception=True)
def panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    award = _judged(request, pk)
    nominations = queries.nominations_of(award)
    return render(
        request,
        "stories/award_panel.jinja",
        {
            "award": award,
            "by_category": [
                (label, [n for n in nominations if n.category == value])
                for value, label in Category.choices
            ],
            "count": len(nominations),
            "can_set": request.user.has_perm(SET),
        },
    )


def _nomination(request: AuthenticatedHttpRequest, pk: int):
    found = queries.nomination(pk)
    if found is None:
        raise Http404
    if not request.user.has_perm(JUDGE, found.award):
        raise PermissionDenied
    return found


@require_POST
@permission_required("stories.nominate", raise_exception=True)
def shortlist(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _nomination(request, pk)
    on = request.POST.get("shortlist") != "off"
    try:
        services.shortlist(actor=request.user, nomination=found, on=on)
        messages.success(
            request, f"{found.nominee} is {'on' if on else 'taken off'} the shortlist."
        )
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:award_panel", pk=found.award_id)


@permission_required("stories.nominate", raise_exception=True)
def winner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _nomination(request, pk)
    posted = request.method == "POST"
    if posted and request.POST.get("won") == "no":
        services.record_winner(actor=request.user, nomination=found, won=False)
        messages.success(request, f"{found.nominee} is no longer recorded as a winner.")
        return redirect("stories:award_panel", pk=found.award_id)
    form = WinnerForm(
        request.POST if posted else None,
        initial={"shown_as": found.shown_as or found.nominee, "citation": found.citation},
    )
    if posted and form.is_valid():
        services.record_winner(
            actor=request.user,
            nomination=found,
            won=True,
            shown_as=form.cleaned_data["shown_as"],
            citation=form.cleaned_data["citation"],
        )
        messages.success(request, f"{form.cleaned_data['shown_as']} is recorded as a winner.")
        return redirect("stories:award_panel", pk=found.award_id)
    return render(
        request,
        "stories/award_winner.jinja",
        {"form": form, "nomination": found},
        status=400 if posted else 200,
    )


@require_POST
@permission_required("stories.nominate", raise_exception=True)
def announce(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    award = _judged(request, pk)
    try:
        services.announce(actor=request.user, award=award)
        messages.success(request, "The winners are announced: they are shown in the gallery.")
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:award_panel", pk=award.pk)
