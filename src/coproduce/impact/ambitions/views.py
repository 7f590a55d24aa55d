"""The strategic ambitions: the list with progress against each for a financial year (and
its CSV), one ambition with its linked work and history, the lead's form to add or change
one, ordering and retiring, and linking work to an ambition."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.audit.queries import history_of
from coproduce.core.figures import Filters, csv_text
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.impact.ambitions import presenters, queries, services
from coproduce.impact.ambitions.forms import AmbitionForm, FindWorkForm
from coproduce.impact.ambitions.models import Ambition
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE

VIEW = "ambitions.view_ambitions"
MANAGE = "ambitions.manage_ambitions"
LINK = "ambitions.link_work"
FIRST_YEAR, LAST_YEAR = 2000, 2100
HISTORY_SHOWN = 50


def year_words(year: int) -> str:
    """'April 2026 to March 2027'."""
    return f"April {year} to March {year + 1}"


def _year(text: str | None) -> int:
    if not text:
        return financial_year_of(timezone.localdate())
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Http404("No such financial year")
    return int(text)


def _filters(year: int) -> Filters:
    period = financial_year(year)
    return Filters(start=period.first, end=period.last)


def _year_links(name: str, year: int, **kwargs) -> dict:
    base = reverse(name, kwargs=kwargs or None)
    return {
        "year": year,
        "year_words": year_words(year),
        "previous_link": f"{base}?year={year - 1}" if year > FIRST_YEAR else None,
        "next_link": f"{base}?year={year + 1}" if year < LAST_YEAR else None,
        "previous_words": year_words(year - 1),
        "next_words": year_words(year + 1),
    }


def _ambition(pk: int) -> Ambition:
    found = queries.ambition(pk)
    if found is None:
        raise Http404
    return found


@permission_required(VIEW, raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    filters = _filters(year)
    ambitions = list(queries.in_force())
    rows = queries.progress(filters, ambitions)
    return render(
        request,
        "ambitions/list.jinja",
        {
            "rows": rows,
            "table_rows": presenters.table_rows(rows),
            "headers": presenters.HEADERS,
            "chart": presenters.chart(rows, filters),
            "summary": presenters.summary(rows),
            "linked": queries.linked_counts([a.pk for a in ambitions]),
            "retired": list(queries.retired()),
            "target_words": presenters.target_words,
            "can_manage": request.user.has_perm(MANAGE),
            **_year_links("ambitions:list", year),
        },
    )


@permission_required(VIEW, raise_exception=True)
def download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The progress table as CSV, for a spreadsheet."""
    year = _year(request.GET.get("year"))
    section = presenters.section(_filters(year))
    response = HttpResponse(csv_text([section]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ambitions-progress-{year}.csv"'
    return response


@permission_required(VIEW, raise_exception=True)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambition = _ambition(pk)
    year = _year(request.GET.get("year"))
    filters = _filters(year)
    (row,) = queries.progress(filters, [ambition])
    return render(
        request,
        "ambitions/detail.jinja",
        {
            "ambition": ambition,
            "figures": presenters.figures(row),
            "target": presenters.target_words(ambition.measure, ambition.target),
            "work": queries.linked_work(request.user, ambition.pk, limit=queries.MOST_LISTED),
            "linked": queries.linked_counts([ambition.pk]).get(ambition.pk, 0),
            "history": list(history_of(ambition).order_by("-at", "-pk")[:HISTORY_SHOWN])
            if request.user.has_perm(LINK)
            else [],
            "confidential_title": CONFIDENTIAL_TITLE,
            "can_manage": request.user.has_perm(MANAGE),
            "can_link": request.user.has_perm(LINK) and not ambition.retired,
            **_year_links("ambitions:detail", year, pk=ambition.pk),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AmbitionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ambition = services.add_ambition(actor=request.user, wording=form.wording())
        messages.success(request, f"The ambition ‘{ambition.title}’ is added.")
        return redirect("ambitions:detail", pk=ambition.pk)
    return render(
        request,
        "ambitions/form.jinja",
        {"form": form, "ambition": None},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambition = _ambition(pk)
    if ambition.retired:
        raise Http404
    posted = request.method == "POST"
    form = AmbitionForm(request.POST if posted else None, ambition=ambition)
    refused = ""
    if posted and form.is_valid():
        try:
            services.change_ambition(actor=request.user, ambition=ambition, wording=form.wording())
            messages.success(request, f"The ambition ‘{ambition.title}’ is changed.")
            return redirect("ambitions:detail", pk=ambition.pk)
        except services.AmbitionError as problem:
            refused = str(problem)
    return render(
        request,
        "ambitions/form.jinja",
        {"form": form, "ambition": ambition, "refused": refused},
        status=400 if posted and (form.errors or refused) else 200,
    )


@require_POST
@permission_required(MANAGE, raise_exception=True)
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambition = _ambition(pk)
    up = request.POST.get("direction") != "down"
    if services.move_ambition(actor=request.user, ambition=ambition, up=up):
        messages.success(request, f"‘{ambition.title}’ is moved {'up' if up else 'down'} the list.")
    return redirect("ambitions:list")


@permission_required(MANAGE, raise_exception=True)
def retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambition = _ambition(pk)
    if ambition.retired:
        raise Http404
    if request.method == "POST":
        services.retire_ambition(actor=request.user, ambition=ambition)
        messages.success(
            request,
            f"The ambition ‘{ambition.title}’ is retired. Its linked work and history are kept.",
        )
        return redirect("ambitions:list")
    return render(request, "ambitions/retire.jinja", {"ambition": ambition})


@permission_required(LINK, raise_exception=True)
def link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Find work by its title or team, and link it to the ambition."""
    ambition = _ambition(pk)
    if ambition.retired:
        raise Http404
    if request.method == "POST":
        try:
            work_pk = int(request.POST.get("opportunity", ""))
        except ValueError:
            work_pk = 0
        work = queries.visible_work(request.user, work_pk)
        if work is None:
            raise Http404
        try:
            services.link_work(actor=request.user, ambition=ambition, opportunity=work)
            messages.success(request, f"‘{work.title}’ is linked to this ambition.")
        except services.AmbitionError as problem:
            messages.error(request, str(problem))
        return redirect("ambitions:detail", pk=ambition.pk)
    form = FindWorkForm(request.GET or None)
    words = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "ambitions/link.jinja",
        {
            "ambition": ambition,
            "find": form,
            "words": words,
            "found": queries.work_to_link(request.user, ambition.pk, words),
            "most_found": queries.MOST_FOUND,
        },
    )


@require_POST
@permission_required(LINK, raise_exception=True)
def unlink(request: AuthenticatedHttpRequest, pk: int, link_pk: int) -> HttpResponse:
    found = queries.link_of(pk, link_pk)
    # Confidential work is taken off only by those who may see it.
    if found is None or queries.visible_work(request.user, found.opportunity_id) is None:
        raise Http404
    services.unlink_work(actor=request.user, link=found)
    messages.success(request, "The work is taken off this ambition.")
    return redirect("ambitions:detail", pk=pk)
