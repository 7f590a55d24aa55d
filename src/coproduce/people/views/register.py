"""The involvement team's view of the register: the overview, search and export."""

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.people import queries
from coproduce.people.contributions import overview_for
from coproduce.people.exports import register_csv, register_xlsx
from coproduce.people.filters import SORT_CHOICES, RegisterFilterForm


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
        experts = queries.search_register(queries.RegisterFilters()).none()
    else:
        experts = queries.search_register(form.filters())
    paginator = Paginator(experts, request.GET.get("per_page") == "100" and 100 or 25)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(queries.with_expertise(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/register.jinja",
        {
            "filter_form": form,
            "form": form,  # the layout's error summary reads `form`
            "page": page,
            "query_without_page": query.urlencode(),
            "sort_choices": SORT_CHOICES,
            "current_sort": request.GET.get("sort") or "name",
        },
    )


@permission_required("people.export_register", raise_exception=True)
def export(request: HttpRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    form = RegisterFilterForm(request.GET or None)
    experts = queries.search_register(form.filters())
    name = f"register-{date.today().isoformat()}.{file_format}"
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
