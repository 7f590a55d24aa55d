"""The returning officer's pages for a voter who lost their code: find them on the election's
frozen list of voters, then replace their code. The new code is emailed, or shown once on the
page that answers the replacement, for a letter: it is kept nowhere, so no page shows it again."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.membership.elections import notify, queries, services
from coproduce.membership.elections.forms import VoterSearchForm
from coproduce.membership.elections.views.officer import RUN


def _why_not(election) -> str:
    """Why no code can be replaced now, or "" while the poll is open."""
    try:
        services.check_poll_open_for_codes(election, timezone.now())
    except services.ElectionError as error:
        return str(error)
    return ""


@never_cache
@permission_required(RUN, raise_exception=True)
def new_code(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Finding the voter, by name or membership number."""
    election = queries.election(pk)
    why_not = _why_not(election)
    form = VoterSearchForm(request.GET if "q" in request.GET else None)
    found = None
    if not why_not and form.is_valid():
        found = queries.voters_named(election, form.cleaned_data["q"])
    return render(
        request,
        "elections/new_code.jinja",
        {
            "election": election,
            "why_not": why_not,
            "form": form,
            "found": found,
            "most": queries.VOTERS_SHOWN,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(RUN, raise_exception=True)
def new_code_voter(request: AuthenticatedHttpRequest, pk: int, voter_pk: int) -> HttpResponse:
    """Checking it is the right voter, then replacing their code. The answer to the POST is
    the only page that shows a code for a letter."""
    election = queries.election(pk)
    voter = queries.voter(election, voter_pk)
    if request.method == "POST":
        try:
            made = services.replace_lost_code(
                actor=request.user, election=election, voter_pk=voter.pk
            )
        except services.ElectionError as error:
            messages.error(request, str(error))
            return redirect("elections:new_code_voter", election.pk, voter.pk)
        return render(
            request,
            "elections/new_code_made.jinja",
            {"election": election, "made": made, "vote_link": notify.vote_link(election)},
        )
    return render(
        request,
        "elections/new_code_voter.jinja",
        {"election": election, "voter": voter, "why_not": _why_not(election)},
    )
