"""The returning officer's pages: the elections, an election's timetable and its notice, the
nominations and the decisions on them, closing nominations (declared unopposed, or the poll set
up), the letters' codes, paper ballots, closing the poll, the count and the declaration."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.membership.elections import queries, results, services
from coproduce.membership.elections.choices import Channel, Status
from coproduce.membership.elections.forms import (
    BallotForm,
    CodeForm,
    ElectionForm,
    OfficerContactForm,
    RejectForm,
)

RUN = "elections.run_elections"


@permission_required(RUN, raise_exception=True)
def election_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "elections/list.jinja", {"elections": list(queries.elections())})


@never_cache
@permission_required(RUN, raise_exception=True)
def election_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    election = queries.election(pk) if pk is not None else None
    if election is not None and election.status != Status.DRAFT:
        messages.error(request, "The notice is published: the election can no longer be changed.")
        return redirect("elections:detail", election.pk)
    initial = ElectionForm.initial_for(election) if election else {"seats": 1, "method": "fptp"}
    form = ElectionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        constituencies=queries.constituencies(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_election(
                actor=request.user, values=form.values(), election=election
            )
        except services.ElectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{saved.title} is saved.")
            return redirect("elections:detail", saved.pk)
    return render(
        request,
        "elections/form.jinja",
        {"form": form, "election": election},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(RUN, raise_exception=True)
def officer_contact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Only the returning officer's contact, at any point until the documents are disposed of:
    voters who lose their code need it during the poll."""
    election = queries.election(pk)
    if election.documents_disposed_at is not None:
        messages.error(request, services.CONTACT_DISPOSED)
        return redirect("elections:detail", election.pk)
    form = OfficerContactForm(
        request.POST if request.method == "POST" else None,
        initial=OfficerContactForm.initial_for(election),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_officer_contact(
                actor=request.user, election=election, values=form.values()
            )
        except services.ElectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The returning officer’s contact is saved.")
        return redirect("elections:detail", election.pk)
    return render(
        request,
        "elections/officer_contact.jinja",
        {"form": form, "election": election},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(RUN, raise_exception=True)
def election_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = queries.election(pk)
    now = timezone.now()
    return render(
        request,
        "elections/detail.jinja",
        {
            "election": election,
            "nominations": queries.nominations(election),
            "voters": queries.voters_summary(election),
            "turnout": queries.turnout(election),
            "result": queries.result(election),
            "now": now,
            "withdrawals_open": election.withdrawals_are_open(now),
            "poll_has_closed": election.poll_has_closed(now),
            "Status": Status,
        },
    )


def _act(request, pk: int, action, done: str) -> HttpResponse:
    election = queries.election(pk)
    try:
        action(actor=request.user, election=election)
    except services.ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("elections:detail", election.pk)


@require_POST
@permission_required(RUN, raise_exception=True)
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.publish_notice, "The notice of election is published.")


@require_POST
@permission_required(RUN, raise_exception=True)
def close_nominations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = queries.election(pk)
    try:
        election = services.close_nominations(actor=request.user, election=election)
    except services.ElectionError as error:
        messages.error(request, str(error))
    else:
        if election.status == Status.UNCONTESTED:
            messages.success(
                request, "There were no more candidates than seats: they are all elected."
            )
        else:
            messages.success(request, "The poll is set up. Codes are being emailed to voters.")
    return redirect("elections:detail", election.pk)


@never_cache
@permission_required(RUN, raise_exception=True)
def nomination(request: AuthenticatedHttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    election = queries.election(pk)
    found = queries.nomination(election, nomination_pk)
    form = RejectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.decide_nomination(actor=request.user, nomination=found, accept=True)
                messages.success(request, f"{found.member.full_name}’s nomination is accepted.")
            elif action == "withdraw":
                services.withdraw_nomination(actor=request.user, nomination=found)
                messages.success(request, f"{found.member.full_name}’s withdrawal is recorded.")
            elif form.is_valid():
                services.decide_nomination(
                    actor=request.user,
                    nomination=found,
                    accept=False,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, f"{found.member.full_name}’s nomination is rejected.")
            else:
                return render(
                    request,
                    "elections/nomination.jinja",
                    {"election": election, "nomination": found, "form": form},
                    status=400,
                )
        except services.ElectionError as error:
            messages.error(request, str(error))
            return redirect("elections:nomination", election.pk, found.pk)
        return redirect("elections:detail", election.pk)
    return render(
        request,
        "elections/nomination.jinja",
        {
            "election": election,
            "nomination": found,
            "form": form,
            "withdrawals_open": election.withdrawals_are_open(timezone.now()),
        },
    )


@never_cache
@permission_required(RUN, raise_exception=True)
def letters(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The letters' codes: a page that says what the file is, and the file, once."""
    election = queries.election(pk)
    if request.method == "POST":
        try:
            rows = services.letters(actor=request.user, election=election)
        except services.ElectionError as error:
            messages.error(request, str(error))
            return redirect("elections:letters", election.pk)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["name", "address", "postcode", "code"])
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="voting-codes-letters-{election.pk}.csv"'
        )
        return response
    return render(
        request,
        "elections/letters.jinja",
        {"election": election, "voters": queries.voters_summary(election)},
    )


@never_cache
@permission_required(RUN, raise_exception=True)
def paper_ballot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A paper ballot returned by post, recorded against the voter's code (printed on it)."""
    election = queries.election(pk)
    candidates = results.candidates(election)
    posted = request.POST if request.method == "POST" else None
    code_form = CodeForm(posted)
    form = BallotForm(posted, election=election, candidates=candidates, paper=True)
    if posted is not None and code_form.is_valid() and form.is_valid():
        try:
            services.cast_vote(
                election=election,
                code=code_form.cleaned_data["code"],
                preferences=form.preferences(),
                channel=Channel.PAPER,
                rejection=form.rejection,
                actor=request.user,
            )
        except services.VoteRefused as error:
            code_form.add_error("code", str(error))
        else:
            if form.rejection:
                messages.success(request, f"The paper is recorded as rejected: {form.rejection}")
            else:
                messages.success(request, "The paper ballot is recorded.")
            return redirect("elections:paper_ballot", election.pk)
    return render(
        request,
        "elections/paper_ballot.jinja",
        {
            "election": election,
            "code_form": code_form,
            "ballot": form,
            "errors": _errors(code_form, form),
        },
        status=400 if (code_form.errors or form.errors) else 200,
    )


def _errors(*forms) -> list[dict]:
    return [item for form in forms if form.is_bound for item in form.error_list()]


@require_POST
@permission_required(RUN, raise_exception=True)
def close_poll(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.close_poll, "The poll is closed. You can count the ballots.")


@never_cache
@permission_required(RUN, raise_exception=True)
def count(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Runs the count (after the close) and shows the full count sheet before declaring."""
    election = queries.election(pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "declare":
                services.declare(actor=request.user, election=election)
                messages.success(request, "The result is declared and published.")
                return redirect("elections:detail", election.pk)
            services.run_count(actor=request.user, election=election)
            messages.success(
                request, "The ballots are counted. Check the count sheet, then declare."
            )
        except services.ElectionError as error:
            messages.error(request, str(error))
        return redirect("elections:count", election.pk)
    return render(
        request,
        "elections/count.jinja",
        {
            "election": election,
            "result": queries.result(election),
            "Status": Status,
            "turnout": queries.turnout(election),
        },
    )
