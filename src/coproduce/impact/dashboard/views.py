"""The evaluation dashboard: every figure for a period and team, each as a chart with its data
table, and each, or all, as CSV."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.accounts import queries as accounts_queries
from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.figures import Filters, csv_text
from coproduce.core.formats import short_date
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.impact.dashboard import figures
from coproduce.impact.dashboard.forms import PeriodForm, presets

VIEW = "dashboard.view"
CSV_TYPE = "text/csv; charset=utf-8"
PERIOD_FIELDS = ("start", "end")


def _chosen(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, Filters | None]:
    """The form as filled in (this financial year when no days were given), and the filters
    it gives when it is right."""
    today = timezone.localdate()
    data = request.GET.copy()
    if not any(key.startswith(PERIOD_FIELDS) for key in data):
        year = financial_year(financial_year_of(today))
        data["start"], data["end"] = year.first.isoformat(), year.last.isoformat()
    form = PeriodForm(data, teams=list(accounts_queries.teams()), today=today)
    if not form.is_valid():
        return form, None
    chosen = form.cleaned_data
    return form, Filters(start=chosen["start"], end=chosen["end"], team_id=chosen["team"])


def query_for(filters: Filters) -> str:
    query = {"start": filters.start.isoformat(), "end": filters.end.isoformat()}
    if filters.team_id is not None:
        query["team"] = str(filters.team_id)
    return urlencode(query)


@permission_required(VIEW, raise_exception=True)
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _chosen(request)
    team = request.GET.get("team", "")
    links = [
        {
            "text": name,
            "words": f"{short_date(first)} to {short_date(last)}",
            "href": "?"
            + urlencode({"start": first.isoformat(), "end": last.isoformat(), "team": team}),
            "current": filters is not None and (filters.start, filters.end) == (first, last),
        }
        for name, first, last in presets(timezone.localdate())
    ]
    sections = figures.sections(filters, user=request.user) if filters else []
    team_name = ""
    if filters and filters.team_id is not None:
        team_name = form.team_name(filters.team_id)
    return render(
        request,
        "dashboard/dashboard.jinja",
        {
            "form": form,
            "filters": filters,
            "sections": sections,
            "presets": links,
            "query": query_for(filters) if filters else "",
            "period": figures.period_words(filters) if filters else "",
            "team_name": team_name,
            "see_comments": request.user.has_perm("dashboard.see_comments"),
        },
        status=200 if filters else 400,
    )


def _csv(name: str, text: str) -> HttpResponse:
    response = HttpResponse(text, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _refused(form: PeriodForm) -> HttpResponse:
    messages = [str(e) for errors in form.errors.values() for e in errors]
    return HttpResponse(
        "The period chosen is not right: " + " ".join(messages),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _file_name(slug: str, filters: Filters) -> str:
    team = f"-team-{filters.team_id}" if filters.team_id is not None else ""
    return f"{slug}-{filters.start:%Y-%m-%d}-to-{filters.end:%Y-%m-%d}{team}"


@permission_required(VIEW, raise_exception=True)
def download(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """One section's table as CSV."""
    form, filters = _chosen(request)
    if filters is None:
        return _refused(form)
    found = figures.section(filters, slug, user=request.user)
    if found is None:
        raise Http404
    return _csv(_file_name(slug, filters), csv_text([found]))


@permission_required(VIEW, raise_exception=True)
def download_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every section's table in one CSV, each under its caption."""
    form, filters = _chosen(request)
    if filters is None:
        return _refused(form)
    return _csv(
        _file_name("evaluation-dashboard", filters),
        csv_text(figures.sections(filters, user=request.user)),
    )
