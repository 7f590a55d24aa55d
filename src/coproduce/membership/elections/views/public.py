"""The public pages: an election's notice and candidates, nominating yourself (a member has no
account: their name, email address and date of birth find them among the constituency's current
members), voting with the one-time code, and the declared result.

Voting is a run of forms with nothing kept between them: the code and the marks travel in the
page (hidden fields) until the vote is cast, so no session or log links a code to a choice."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from coproduce.membership.elections import guesses, queries, results, services
from coproduce.membership.elections.choices import Status
from coproduce.membership.elections.forms import (
    BallotForm,
    CodeForm,
    NominateForm,
    candidates_marks,
)

TOO_MANY_CODES = (
    "Too many wrong codes have been tried from here. Try again in {wait}, or ask the "
    "returning officer for help."
)
# The same, when the notice gives the returning officer's email address or phone number.
TOO_MANY_CODES_CONTACT = (
    "Too many wrong codes have been tried from here. Try again in {wait}, or contact the "
    "returning officer{name} {how}."
)


def too_many_codes(election, wait: str) -> str:
    """Says how to reach the returning officer when the election gives a way to."""
    if not election.officer_can_be_contacted:
        return TOO_MANY_CODES.format(wait=wait)
    ways = []
    if election.officer_email:
        ways.append(f"at {election.officer_email}")
    if election.officer_phone:
        ways.append(f"on {election.officer_phone}")
    name = f", {election.officer_name}," if election.officer_name else ""
    return TOO_MANY_CODES_CONTACT.format(wait=wait, name=name, how=" or ".join(ways))


NOT_FOUND = (
    "We could not find a current member of {constituency} with those details. Check your name, "
    "email address and date of birth are as they are on your membership record, or contact "
    "the membership office. Only members of this constituency can stand in this election."
)


def notice(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    now = timezone.now()
    show_candidates = election.status != Status.NOMINATIONS
    return render(
        request,
        "elections/notice.jinja",
        {
            "election": election,
            "candidates": results.candidates(election) if show_candidates else [],
            "nominations_open": election.nominations_are_open(now),
            "poll_open": election.poll_is_open(now),
        },
    )


def candidate(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    found = next((n for n in results.candidates(election) if n.pk == nomination_pk), None)
    if found is None:
        raise Http404("No such candidate")
    return render(request, "elections/candidate.jinja", {"election": election, "nomination": found})


@never_cache
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    now = timezone.now()
    if not election.nominations_are_open(now):
        return render(request, "elections/nominations_closed.jinja", {"election": election})
    form = NominateForm(request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = services.find_nominee(
            election=election,
            full_name=data["full_name"],
            email=data["email"],
            date_of_birth=data["date_of_birth"],
        )
        if member is None:
            problem = NOT_FOUND.format(constituency=election.constituency.name)
        else:
            try:
                services.submit_nomination(
                    election=election,
                    member=member,
                    statement=data["statement"],
                    interests=data["interests"],
                    now=now,
                )
            except services.ElectionError as error:
                problem = str(error)
            else:
                return redirect("elections:election_nominated", election.pk)
    return render(
        request,
        "elections/nominate.jinja",
        {"election": election, "form": form, "problem": problem},
        status=400 if (form.errors or problem) else 200,
    )


def nominated(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    return render(request, "elections/nominated.jinja", {"election": election})


def _code_page(request, election, form, problem="", status=200) -> HttpResponse:
    return render(
        request,
        "elections/vote_code.jinja",
        {"election": election, "form": form, "problem": problem},
        status=status,
    )


@never_cache
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Code, then ballot, then check, then cast: each step a POST carrying what came before."""
    election = queries.public_election(pk, constituency=False)
    now = timezone.now()
    if not election.poll_is_open(now):
        return render(request, "elections/poll_not_open.jinja", {"election": election, "now": now})
    if request.method != "POST":
        return _code_page(request, election, CodeForm())
    # Someone trying codes is slowed: after too many wrong ones from this address, no code is
    # looked at (right or wrong) until the wait is over. Nothing here says anything of a ballot.
    wait = guesses.minutes_to_wait(request)
    if wait:
        problem = too_many_codes(election, guesses.wait_in_words(wait))
        return _code_page(request, election, CodeForm(), problem=problem, status=429)
    code_form = CodeForm(request.POST)
    if not code_form.is_valid():
        return _code_page(request, election, code_form, status=400)
    code = code_form.cleaned_data["code"]
    step = request.POST.get("step", "code")
    if step != "cast":  # casting checks the code itself, in the vote's own transaction
        try:
            services.voter_for_code(election, code)
        except services.VoteRefused as error:
            if isinstance(error, services.UnknownCode):
                guesses.count_wrong_code(request)
            return _refused(request, election, code_form, error)
    candidates = results.ballot_paper(election)
    if step == "code":
        form = BallotForm(election=election, candidates=candidates)
        return _ballot_page(request, election, form, code)
    form = BallotForm(request.POST, election=election, candidates=candidates)
    if step == "change" or not form.is_valid():
        return _ballot_page(request, election, form, code, status=200 if step == "change" else 400)
    if step == "ballot":
        return render(
            request,
            "elections/vote_check.jinja",
            {
                "election": election,
                "code": code,
                "marks": candidates_marks(form),
                "posted": _ballot_values(request, form),
                "form": None,
            },
        )
    try:
        services.cast_vote(
            election=election,
            code=code,
            preferences=form.preferences(),
            now=now,
            standing=[c.pk for c in candidates],
        )
    except services.VoteRefused as error:
        if isinstance(error, services.UnknownCode):
            guesses.count_wrong_code(request)
        return _refused(request, election, code_form, error)
    return redirect("elections:election_voted", election.pk)


def _refused(request, election, code_form: CodeForm, error: services.VoteRefused) -> HttpResponse:
    """What is wrong with the code itself is said beside its box; anything else (the poll
    closing while someone votes) above the form."""
    if isinstance(error, services.CodeRefused):
        code_form.add_error("code", str(error))
        return _code_page(request, election, code_form, status=400)
    return _code_page(request, election, CodeForm(), problem=str(error), status=400)


def _ballot_values(request, form: BallotForm) -> list[tuple[str, str]]:
    names = set(form.fields)
    return [
        (name, value)
        for name in request.POST
        for value in request.POST.getlist(name)
        if name in names
    ]


def _ballot_page(request, election, form, code, status=200) -> HttpResponse:
    return render(
        request,
        "elections/vote_ballot.jinja",
        {"election": election, "form": form, "code": code, "Method": type(election.method)},
        status=status,
    )


def voted(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    return render(request, "elections/voted.jinja", {"election": election})


def result(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.public_election(pk)
    found = queries.result(election)
    if found is None or found.declared_at is None:
        return render(request, "elections/no_result.jinja", {"election": election}, status=404)
    return render(request, "elections/result.jinja", {"election": election, "result": found})
