"""An expert's year: their own page and its two PDFs in their portal, and the same year opened
and printed by the involvement team from the expert's profile."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.your_year import pdf, queries, services
from coproduce.impact.your_year.presenters import Summary, paid_words, summary_for, year_label
from coproduce.people import queries as people_queries
from coproduce.people.models import Expert

OWN = "your_year.read_own"
PRINT = "your_year.print_for_expert"


def _chosen(request, years: list[int]) -> int:
    """The year asked for (?year=2025), else the newest they took part in."""
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return asked if queries.valid_year(asked) else years[0]


def _year(year: int) -> int:
    if not queries.valid_year(year):
        raise Http404
    return year


def _summary(expert: Expert, year: int, *, shared: bool) -> Summary:
    return summary_for(queries.year_of(expert, year), shared=shared)


def _pdf_response(summary: Summary, *, easy_read: bool) -> HttpResponse:
    response = HttpResponse(
        pdf.render(summary, easy_read=easy_read), content_type="application/pdf"
    )
    name = pdf.file_name(summary, easy_read=easy_read)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(request, expert: Expert, *, mine: bool) -> HttpResponse:
    years = queries.years_taken_part(expert)
    year = _chosen(request, years)
    summary = _summary(expert, year, shared=not mine)
    links: tuple[tuple[str, tuple[int, ...]], ...]
    if mine:
        links = (
            ("your_year:mine_pdf", (year,)),
            ("your_year:mine_easy_read_pdf", (year,)),
        )
    else:
        links = (
            ("your_year:expert_pdf", (expert.pk, year)),
            ("your_year:expert_easy_read_pdf", (expert.pk, year)),
        )
    return render(
        request,
        "your_year/year.jinja",
        {
            "expert": expert,
            "mine": mine,
            "summary": summary,
            "paid_words": paid_words(summary),
            "years": years if year in years else sorted([*years, year], reverse=True),
            "year_label": year_label,
            "links": links,
        },
    )


# The expert's own ---------------------------------------------------------------------------


@permission_required(OWN, raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, people_queries.signed_in_expert(request.user), mine=True)


@permission_required(OWN, raise_exception=True)
def mine_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    return _pdf_response(_summary(expert, _year(year), shared=True), easy_read=False)


@permission_required(OWN, raise_exception=True)
def mine_easy_read_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    return _pdf_response(_summary(expert, _year(year), shared=True), easy_read=True)


# The involvement team's, from the expert's profile --------------------------------------------


def _expert(request: AuthenticatedHttpRequest, pk: int) -> Expert:
    """The record, or 404 for someone who may not see it; then 403 without the permission."""
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(PRINT):
        raise PermissionDenied
    return expert


def _restricted(request, expert: Expert) -> HttpResponse | None:
    """Making a summary for someone whose processing is restricted would be processing."""
    if expert.restricted_at is None:
        return None
    messages.error(
        request,
        f"Processing of {expert.full_name}'s information is restricted, so their year cannot "
        "be shown or printed until the involvement lead lifts the restriction.",
    )
    return redirect("people:expert_detail", pk=expert.pk)


def expert_year(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    return _restricted(request, expert) or _page(request, expert, mine=False)


def _printed(request: AuthenticatedHttpRequest, pk: int, year: int, *, easy_read: bool):
    expert = _expert(request, pk)
    if refused := _restricted(request, expert):
        return refused
    summary = _summary(expert, _year(year), shared=True)
    response = _pdf_response(summary, easy_read=easy_read)
    services.record_printed(actor=request.user, expert=expert, year=year, easy_read=easy_read)
    return response


def expert_pdf(request: AuthenticatedHttpRequest, pk: int, year: int) -> HttpResponse:
    return _printed(request, pk, year, easy_read=False)


def expert_easy_read_pdf(request: AuthenticatedHttpRequest, pk: int, year: int) -> HttpResponse:
    return _printed(request, pk, year, easy_read=True)
