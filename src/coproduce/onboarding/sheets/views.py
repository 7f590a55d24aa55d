"""Support sheets: the lists staff and experts read them from, one sheet's page (ready to
print), and the involvement lead's pages to add, change, retire and bring back sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from markupsafe import Markup

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.onboarding.markdown import render as markdown_to_html
from coproduce.onboarding.models import SupportSheet
from coproduce.onboarding.sheets import queries, services
from coproduce.onboarding.sheets.forms import SupportSheetForm

MANAGE = "onboarding.manage_support_sheets"
STAFF, EXPERTS = SupportSheet.Audience.STAFF, SupportSheet.Audience.EXPERTS


@permission_required("onboarding.view_staff_sheets", raise_exception=True)
def staff_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    for_experts = (
        list(queries.sheets_for(EXPERTS))
        if request.user.has_perm("onboarding.view_expert_sheets")
        else None
    )
    return render(
        request,
        "onboarding/sheets/staff_list.jinja",
        {
            "sheets": list(queries.sheets_for(STAFF)),
            "for_experts": for_experts,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission_required("onboarding.view_expert_sheets", raise_exception=True)
def expert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "onboarding/sheets/expert_list.jinja",
        {"sheets": list(queries.sheets_for(EXPERTS))},
    )


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.sheet(pk)
    # A sheet for someone else, or a retired one, is not found: nothing about it is shown.
    if not request.user.has_perm("onboarding.view_support_sheet", sheet):
        raise Http404("No such support sheet.")
    if sheet.retired_at is not None:
        back = "onboarding:sheet_manage"
    elif request.user.has_perm("onboarding.view_staff_sheets"):
        back = "onboarding:sheet_list"
    else:
        back = "onboarding:sheet_list_experts"
    return render(
        request,
        "onboarding/sheets/sheet.jinja",
        {
            "sheet": sheet,
            # Sanitised by markdown_to_html: only the tags Markdown makes, and safe links.
            "body": Markup(markdown_to_html(sheet.body)),  # noqa: S704  # nosec B704
            "back": back,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    sheets = list(queries.all_sheets())
    return render(
        request,
        "onboarding/sheets/manage.jinja",
        {
            "shown": [s for s in sheets if s.retired_at is None],
            "retired": [s for s in sheets if s.retired_at is not None],
        },
    )


@permission_required(MANAGE, raise_exception=True)
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SupportSheetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sheet = services.add_sheet(actor=request.user, **form.cleaned_data)
        messages.success(request, f"‘{sheet.title}’ is added and shown to {_readers(sheet)}.")
        return redirect("onboarding:sheet_detail", pk=sheet.pk)
    return render(
        request,
        "onboarding/sheets/form.jinja",
        {"form": form, "sheet": None},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.sheet(pk)
    form = SupportSheetForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(sheet, name) for name in services.FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        sheet = services.change_sheet(actor=request.user, sheet=sheet, **form.cleaned_data)
        messages.success(request, f"Your changes to ‘{sheet.title}’ are saved.")
        return redirect("onboarding:sheet_detail", pk=sheet.pk)
    return render(
        request,
        "onboarding/sheets/form.jinja",
        {"form": form, "sheet": sheet},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.sheet(pk)
    if request.method == "POST":
        try:
            services.retire_sheet(actor=request.user, sheet=sheet)
        except services.SheetError as problem:
            messages.info(request, str(problem))
        else:
            messages.success(
                request,
                f"‘{sheet.title}’ is retired. {_readers(sheet).capitalize()} no longer see it.",
            )
        return redirect("onboarding:sheet_manage")
    return render(request, "onboarding/sheets/retire.jinja", {"sheet": sheet})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.sheet(pk)
    try:
        services.restore_sheet(actor=request.user, sheet=sheet)
    except services.SheetError as problem:
        messages.info(request, str(problem))
    else:
        messages.success(request, f"‘{sheet.title}’ is shown again to {_readers(sheet)}.")
    return redirect("onboarding:sheet_manage")


def _readers(sheet: SupportSheet) -> str:
    return "staff" if sheet.audience == STAFF else "experts"
