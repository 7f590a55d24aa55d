"""The involvement team's view of the register: the overview, search and export."""

from dataclasses import asdict
from datetime import date
from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of
from coproduce.people import queries
from coproduce.people.contributions import overview_for
from coproduce.people.exports import register_csv, register_xlsx
from coproduce.people.filters import SORT_CHOICES, RegisterFilterForm
from coproduce.people.models import Expert
from coproduce.people.presenters import register_rows

# `?per_page=100` shows this many experts a page instead of settings.REGISTER_PAGE_SIZE.
LONG_PAGE_SIZE = 100


@permission_required("people.view_overview", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """What needs the person today, the month's involvement, and the register's figures."""
    today = timezone.localdate()
    return render(
        request,
        "people/dashboard.jinja",
        {
            "overview": overview_for(request.user, today),
            "month": today,
            "summary": (
                queries.register_summary()
                if request.user.has_perm("people.view_register")
                else None
            ),
        },
    )


@permission_required("people.view_register", raise_exception=True)
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        filters = queries.RegisterFilters()
        experts = queries.search_register(filters).none()
    else:
        filters = form.filters()
        experts = queries.search_register(filters)
    long = request.GET.get("per_page") == str(LONG_PAGE_SIZE)
    paginator = Paginator(experts, LONG_PAGE_SIZE if long else settings.REGISTER_PAGE_SIZE)
    page = _counted_page(paginator, request.GET.get("page"), searched=bool(filters.text.strip()))
    if page is None:
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = list(queries.register_page(cast(QuerySet[Expert], page.object_list)))
    shown = cast(list[Expert], page.object_list)  # a list, read in one of the two ways above
    areas = queries.lived_experience_names(shown)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/register.jinja",
        {
            "filter_form": form,
            "form": form,  # the layout's error summary reads `form`
            "page": page,
            "rows": register_rows(shown, areas),
            "query_without_page": query.urlencode(),
            "sort_choices": SORT_CHOICES,
            "current_sort": request.GET.get("sort") or "name",
        },
    )


def _counted_page(paginator: Paginator, asked: str | None, *, searched: bool) -> Page | None:
    """The page asked for, read with how many experts match in one query
    (queries.counted_page), not a count and then a page: each query is a round trip to the
    database. None where the page asked for is not one of the results' pages (or there are
    none), for Paginator.get_page to settle as it always does."""
    try:
        number = int(asked or 1)
    except ValueError:
        return None
    if number < 1:
        return None
    experts = cast(QuerySet[Expert], paginator.object_list)
    start = (number - 1) * paginator.per_page
    rows, total = queries.counted_page(experts, start, paginator.per_page, searched=searched)
    if total is None:
        return None
    paginator.count = total  # type: ignore[misc]  # Paginator's cached count, known now
    return Page(rows, number, paginator)


@permission_required("people.export_register", raise_exception=True)
def export(request: HttpRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters()
    experts = queries.search_register(filters)
    name = f"register-{date.today().isoformat()}.{file_format}"
    _record_export(request.user, filters, "xlsx" if file_format == "xlsx" else "csv", experts)
    if file_format == "xlsx":
        # A workbook can only be sent once it is whole; it is built in a temporary file.
        return FileResponse(
            register_xlsx(experts),
            as_attachment=True,
            filename=name,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    # Sent as it is written: the download starts at once, whatever the size of the register.
    response = StreamingHttpResponse(register_csv(experts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _record_export(user, filters: queries.RegisterFilters, file_format: str, experts) -> None:
    """Recorded as the download starts (a CSV streams). The filters are kept as they were asked,
    but a name, email or phone search only as "yes": the words searched are personal data. The
    rows are counted for a workbook only, which is built whole anyway; a CSV must start at once,
    before any expert is read (tests/people/test_export.py)."""
    used = {k: v for k, v in asdict(filters).items() if v and k != "sort"}
    if "text" in used:
        used["text"] = "yes"
    details = {"format": file_format, "filters": used}
    summary = f"{'Filtered' if used else 'Whole'} register as {file_format.upper()}"
    if file_format == "xlsx":
        rows = details["rows"] = experts.count()
        summary += f", {count_of(rows, 'row')}"
    audit.record_export(
        actor=user,
        action=AuditEvent.Action.REGISTER_EXPORTED,
        what=Expert,
        summary=summary,
        details=details,
    )
