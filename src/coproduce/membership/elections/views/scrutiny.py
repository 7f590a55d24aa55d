"""The scrutineer's pages, read-only and only after the poll has closed: the anonymous ballots
as a CSV file (audited), and a recount from the stored ballots or from an uploaded file, set
beside the declared (or counted) result."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.membership.elections import ballot_files, queries, results
from coproduce.membership.elections.choices import AFTER_THE_CLOSE
from coproduce.membership.elections.forms import RecountForm

SCRUTINISE = "elections.scrutinise"


@permission_required(SCRUTINISE, raise_exception=True)
def scrutiny_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    closed = [e for e in queries.elections() if e.status in AFTER_THE_CLOSE]
    return render(request, "elections/scrutiny_list.jinja", {"elections": closed})


def _closed(request, pk: int):
    election = queries.election(pk)
    if election.status not in AFTER_THE_CLOSE:
        messages.error(request, "The ballots can be seen only after the poll has closed.")
        return election, redirect("elections:scrutiny_list")
    return election, None


@permission_required(SCRUTINISE, raise_exception=True)
def ballots_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election, refused = _closed(request, pk)
    if refused:
        return refused
    ballots = results.stored_ballots(election)
    text = ballot_files.write(election, results.candidates(election), ballots)
    audit.record_export(
        actor=request.user,
        action=AuditEvent.Action.REGISTER_EXPORTED,
        what=election,
        summary=f"Anonymous ballots downloaded: {election.title}",
        details={"format": "csv", "rows": len(ballots)},
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballots-election-{election.pk}.csv"'
    return response


@permission_required(SCRUTINISE, raise_exception=True)
def recount(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election, refused = _closed(request, pk)
    if refused:
        return refused
    declared = queries.result(election)
    posted = request.method == "POST"
    form = RecountForm(request.POST if posted else None, request.FILES if posted else None)
    again = None
    matches = None
    source = ""
    if request.method == "POST" and form.is_valid() and declared is not None:
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = upload.read().decode("utf-8-sig")
                ballots = ballot_files.read(election, results.candidates(election), text)
                source = "the uploaded file"
            else:
                ballots = results.stored_ballots(election)
                source = "the stored ballots"
        except (ballot_files.BadFile, UnicodeDecodeError) as error:
            message = (
                str(error)
                if isinstance(error, ballot_files.BadFile)
                else (
                    "The file is not a CSV file saved as text. Upload the ballots file from this page."
                )
            )
            form.add_error("file", message)
        else:
            seed = int(declared.lot_seed) if declared.lot_seed else 0
            again, matches = results.recount(election, declared.elected_nominations, ballots, seed)
    return render(
        request,
        "elections/recount.jinja",
        {
            "election": election,
            "declared": declared,
            "form": form,
            "again": again,
            "matches": matches,
            "source": source,
        },
        status=400 if form.errors else 200,
    )
