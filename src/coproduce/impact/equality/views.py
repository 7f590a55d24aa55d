"""Equality monitoring pages: the expert's own answers (and removing them); a coordinator's copy
of a paper form; the local population and the fewest people shown (the lead's); and "Who is
heard", the comparison, with its CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from coproduce.accounts import queries as accounts_queries
from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.figures import Filters, csv_text
from coproduce.impact.equality import presenters, queries, services
from coproduce.impact.equality.categories import BY_SLUG, CHARACTERISTICS
from coproduce.impact.equality.forms import AnswersForm, FewestForm, PaperForm, PeriodForm
from coproduce.impact.equality.forms import PopulationForm as CountsForm
from coproduce.people.queries import get_expert_for, signed_in_expert

OWN = "equality.answer_own"
PAPER = "equality.copy_paper_form"
VIEW = "equality.view_comparison"
POPULATION = "equality.set_population"


@never_cache
@permission_required(OWN, raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The expert's own answers: why we ask, the consent question and each question."""
    expert = signed_in_expert(request.user)
    found = queries.answers_of(expert)
    initial = {}
    if found is not None:
        initial = {name: getattr(found, name) for name in services.ANSWER_FIELDS}
        initial["consent"] = True
    form = AnswersForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.give_answers(actor=request.user, expert=expert, answers=form.answers())
        messages.success(request, "Thank you. Your answers are saved.")
        return redirect("equality:mine")
    return render(
        request,
        "equality/mine.jinja",
        {"form": form, "answered": found is not None, "fewest": queries.fewest_shown()},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(OWN, raise_exception=True)
def remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    if request.method == "POST":
        if services.remove_answers(actor=request.user, expert=expert):
            messages.success(request, "Your answers are removed. We no longer keep them.")
        return redirect("equality:mine")
    return render(request, "equality/remove.jinja", {"answered": queries.has_answered(expert)})


@never_cache
@permission_required(PAPER, raise_exception=True)
def paper(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Copies an expert's answers from a paper form. Never filled in with what they gave
    before: the team does not see one person's answers."""
    expert = get_expert_for(request.user, pk)
    form = PaperForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.give_answers(actor=request.user, expert=expert, answers=form.answers())
        messages.success(request, f"The answers from {expert.display_name}’s paper form are saved.")
        return redirect("people:expert_detail", pk=expert.pk)
    return render(
        request,
        "equality/paper.jinja",
        {"form": form, "expert": expert},
        status=400 if form.errors else 200,
    )


def _filters(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, Filters, list]:
    teams = list(accounts_queries.teams())
    form = PeriodForm(request.GET or None, teams=teams)
    start, end = form.dates(timezone.localdate())
    return form, Filters(start=start, end=end, team_id=form.team_id()), teams


@permission_required(VIEW, raise_exception=True)
def who_is_heard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters, teams = _filters(request)
    sections = presenters.sections(filters)
    team = next((t for t in teams if t.pk == filters.team_id), None)
    return render(
        request,
        "equality/who_is_heard.jinja",
        {
            "form": form,
            "filters": filters,
            "sections": sections,
            "team": team,
            "period": presenters.period_words(filters),
            "fewest": queries.fewest_shown(),
            "query": request.GET.urlencode(),
            "can_set": request.user.has_perm(POPULATION),
        },
        status=400 if form.errors else 200,
    )


@permission_required(VIEW, raise_exception=True)
def download(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters, _ = _filters(request)
    if form.errors:
        raise Http404("No such period")
    response = HttpResponse(
        csv_text(presenters.sections(filters)), content_type="text/csv; charset=utf-8"
    )
    name = f"who-is-heard-{filters.start:%Y-%m-%d}-to-{filters.end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(POPULATION, raise_exception=True)
def population(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = queries.populations()
    return render(
        request,
        "equality/population.jinja",
        {
            "population_rows": [(c, found.get(c.slug)) for c in CHARACTERISTICS],
            "fewest": queries.fewest_shown(),
        },
    )


@permission_required(POPULATION, raise_exception=True)
def population_set(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    characteristic = BY_SLUG.get(slug)
    if characteristic is None:
        raise Http404
    before = queries.populations().get(slug)
    initial = {}
    if before is not None:
        initial = {f"count_{k}": v for k, v in before.counts.items()}
        initial["source"] = before.source
    form = CountsForm(
        request.POST if request.method == "POST" else None,
        characteristic=characteristic,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        services.set_population(
            actor=request.user,
            characteristic=slug,
            counts=form.counts(),
            source=form.cleaned_data["source"],
        )
        messages.success(
            request, f"The local population for {characteristic.title.lower()} is saved."
        )
        return redirect("equality:population")
    return render(
        request,
        "equality/population_form.jinja",
        {"form": form, "characteristic": characteristic, "before": before},
        status=400 if form.errors else 200,
    )


@permission_required(POPULATION, raise_exception=True)
def fewest(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.fewest_shown()
    form = FewestForm(
        request.POST if request.method == "POST" else None, initial={"fewest": current.fewest}
    )
    if request.method == "POST" and form.is_valid():
        saved = services.set_fewest(actor=request.user, fewest=form.cleaned_data["fewest"])
        messages.success(request, f"Groups of fewer than {saved.fewest} people are now not shown.")
        return redirect("equality:population")
    return render(
        request,
        "equality/fewest.jinja",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )
