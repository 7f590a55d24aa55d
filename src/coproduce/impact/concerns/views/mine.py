"""The expert's own concerns: raising one (with what happens next, before and after), seeing
them with our replies, and adding more to one that is open."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.concerns import guidance, presenters, queries, services
from coproduce.impact.concerns.forms import AddMoreForm, RaiseForm
from coproduce.people import queries as people_queries

RAISE = "concerns.raise_concern"


def next_steps(reply_days: int, raised_on=None) -> dict:
    """What the guidance on the expert's pages says, worked out once."""
    return {
        "reply_days": reply_days,
        "reply_by": guidance.reply_by(raised_on or timezone.localdate(), reply_days),
    }


def raise_form(request, expert, *, for_someone_else: bool, user=None):
    meetings = [(i.pk, presenters.meeting_label(i, user)) for i in queries.meetings_of(expert)]
    claims = [(c.pk, presenters.claim_label(c, user)) for c in queries.claims_of(expert)]
    return RaiseForm(
        request.POST if request.method == "POST" else None,
        meetings=meetings,
        claims=claims,
        for_someone_else=for_someone_else,
    )


def save_raised(request, expert, form: RaiseForm, *, received: str):
    """The concern, or None with the problem put beside its field."""
    data = form.cleaned_data
    invitation = claim = None
    if data.get("invitation"):
        invitation = next(
            (i for i in queries.meetings_of(expert) if i.pk == data["invitation"]), None
        )
    if data.get("claim"):
        claim = next((c for c in queries.claims_of(expert) if c.pk == data["claim"]), None)
    try:
        return services.raise_concern(
            actor=request.user,
            expert=expert,
            about=data["about"],
            invitation=invitation,
            claim=claim,
            what_happened=data["what_happened"],
            wanted=data.get("wanted", ""),
            safeguarding=form.safeguarding,
            received=received,
            submission=data.get("submission"),
        )
    except services.ConcernError as error:
        form.add_error(error.field, str(error))
        return None


@permission_required(RAISE, raise_exception=True)
def my_concerns(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    concerns = list(queries.own_concerns(expert))
    return render(
        request,
        "concerns/my_concerns.jinja",
        {
            "concerns": concerns,
            "about": {c.pk: presenters.what_about(c, for_expert=True) for c in concerns},
        },
    )


@permission_required(RAISE, raise_exception=True)
def raise_concern(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    form = raise_form(request, expert, for_someone_else=False)
    if request.method == "POST" and form.is_valid():
        concern = save_raised(request, expert, form, received="portal")
        if concern is not None:
            return redirect(reverse("concerns:my_concern", args=[concern.pk]) + "?sent=1")
    return render(
        request,
        "concerns/raise.jinja",
        {"form": form, **next_steps(queries.reply_days())},
        status=400 if form.errors else 200,
    )


@permission_required(RAISE, raise_exception=True)
def my_concern(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    concern = queries.own_concern(expert, pk)
    form = AddMoreForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_to_concern(
                actor=request.user,
                concern=concern,
                text=form.cleaned_data["text"],
                submission=form.cleaned_data.get("submission"),
            )
        except services.ConcernError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, "Thank you. We have added this to your concern.")
            return redirect("concerns:my_concern", pk=concern.pk)
    return render(
        request,
        "concerns/my_concern.jinja",
        {
            "concern": concern,
            "about": presenters.what_about(concern, for_expert=True),
            "history": presenters.history_items(
                queries.history(concern, for_expert=True), for_expert=True
            ),
            "form": form,
            "sent": request.GET.get("sent") == "1",
            **next_steps(queries.reply_days(), timezone.localdate(concern.raised_at)),
        },
        status=400 if form.errors else 200,
    )
