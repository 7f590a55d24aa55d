"""Outcomes: the work waiting for its outcome (overdue first, by team); one piece of work's
outcome, recorded and corrected; the weeks by which an outcome is due; and each expert's
"What happened next"."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import count_of
from coproduce.impact.outcomes import presenters, queries, services
from coproduce.impact.outcomes.forms import OutcomeForm, WeeksForm
from coproduce.impact.outcomes.models import MOST_PAIRS
from coproduce.people.queries import signed_in_expert

VIEW = "outcomes.view_outcomes"
RECORD = "outcomes.record_outcome"
PAGE_SIZE = 50


@permission_required(VIEW, raise_exception=True)
def waiting(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every piece of work whose outcome is overdue, by team (the involvement team's), or the
    member of staff's own and their team's: how much each team has waiting, then the work
    itself a page at a time, overdue first; what is not due yet is listed for one team."""
    everyone = request.user.has_perm("outcomes.view_all_overdue")
    now = timezone.now()
    weeks = queries.current_weeks()
    teams = queries.waiting_by_team(request.user, everyone=everyone, now=now)
    team = presenters.chosen_team(request.GET.get("team"), teams)
    team_id = team.team_id if team else None

    def rows(*, overdue: bool):
        return queries.waiting_rows(
            request.user,
            everyone=everyone,
            overdue=overdue,
            weeks=weeks.weeks,
            now=now,
            team_id=team_id,
        )

    overdue_page = Paginator(rows(overdue=True), PAGE_SIZE).get_page(request.GET.get("page"))
    overdue = queries.as_waiting(overdue_page, weeks=weeks.weeks, now=now)
    not_due_count = team.not_due if team else sum(t.not_due for t in teams)
    # Not due yet: listed for one team, or when there is little of it.
    not_due = (
        queries.as_waiting(rows(overdue=False), weeks=weeks.weeks, now=now)
        if team or not_due_count <= PAGE_SIZE
        else []
    )
    return render(
        request,
        "outcomes/waiting.jinja",
        {
            "everyone": everyone,
            "teams": teams,
            "team": team,
            "overdue_count": team.overdue if team else sum(t.overdue for t in teams),
            "not_due_count": not_due_count,
            "overdue": presenters.by_team(overdue),
            "page": overdue_page,
            "not_due": not_due,
            "weeks": weeks,
            "can_set_weeks": request.user.has_perm("outcomes.set_weeks"),
            "how_late": presenters.how_late,
            "title_of": presenters.title_of,
        },
    )


@permission_required("outcomes.set_weeks", raise_exception=True)
def weeks(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.current_weeks()
    form = WeeksForm(
        request.POST if request.method == "POST" else None, initial={"weeks": current.weeks}
    )
    if request.method == "POST" and form.is_valid():
        saved = services.set_weeks(actor=request.user, weeks=form.cleaned_data["weeks"])
        messages.success(
            request,
            f"Outcomes are now due {count_of(saved.weeks, 'week')} after the last session.",
        )
        return redirect("outcomes:waiting")
    return render(
        request,
        "outcomes/weeks.jinja",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )


def _work(request: AuthenticatedHttpRequest, pk: int):
    """The piece of work, if the person may see it and record its outcome; 404 otherwise, as
    for confidential work they are not named on."""
    work = queries.work_for(request.user, pk)
    if work is None or not request.user.has_perm(RECORD, work):
        raise Http404
    return work


def _outcome_of(work):
    return getattr(work, "outcome", None)


@permission_required(VIEW, raise_exception=True)
def work(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _work(request, pk)
    outcome = _outcome_of(found)
    return render(
        request,
        "outcomes/work.jinja",
        {
            "work": found,
            "outcome": outcome,
            "held": queries.held_by(found),
            "told": queries.told_so_far(outcome) if outcome else None,
            "weeks": queries.current_weeks(),
        },
    )


@permission_required(VIEW, raise_exception=True)
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Records the outcome of a piece of work, or corrects it once recorded."""
    found = _work(request, pk)
    outcome = _outcome_of(found)
    refused = ""
    if outcome is None:
        try:
            services.check_held(found)
        except services.NothingHeldYet as problem:
            refused = str(problem)
    posted = request.method == "POST"
    at_least = 0
    if posted and "more" in request.POST:
        # "Add another": the same answers again, with one more pair, nothing saved yet.
        try:
            at_least = min(int(request.POST.get("pairs_shown", "0")) + 1, MOST_PAIRS)
        except ValueError:
            at_least = 0
        form = OutcomeForm(outcome=outcome, initial=request.POST.dict())
    else:
        form = OutcomeForm(request.POST if posted and not refused else None, outcome=outcome)
    if posted and not refused and form.is_bound and form.is_valid():
        try:
            if outcome is None:
                services.record_outcome(
                    actor=request.user, opportunity=found, wording=form.wording()
                )
                messages.success(
                    request,
                    "The outcome is recorded. The experts who attended will be told, and can "
                    "see it under ‘What happened next’.",
                )
            else:
                told = form.cleaned_data.get("tell_experts", False)
                services.correct_outcome(
                    actor=request.user, outcome=outcome, wording=form.wording(), tell_experts=told
                )
                messages.success(
                    request,
                    "The outcome is corrected."
                    + (" The experts who attended will be told." if told else ""),
                )
            return redirect("outcomes:work", pk=found.pk)
        except services.OutcomeError as problem:
            refused = str(problem)
    return render(
        request,
        "outcomes/record.jinja",
        {
            "work": found,
            "outcome": outcome,
            "form": form,
            "pairs": form.pair_fields(at_least),
            "most_pairs": MOST_PAIRS,
            "refused": refused,
        },
        status=400 if (posted and (refused or form.errors)) else 200,
    )


@permission_required("outcomes.see_what_happened", raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What happened next in the work the expert took part in."""
    expert = signed_in_expert(request.user)
    return render(
        request,
        "outcomes/mine.jinja",
        {"outcomes": queries.outcomes_for_expert(expert)},
    )
