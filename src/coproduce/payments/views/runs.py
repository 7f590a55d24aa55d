"""Payment runs for finance: the list, checking then making a run of the approved claims, one
run's claims, and its export (CSV or XLSX, layout in docs/payment-runs.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of, money
from coproduce.payments import exports
from coproduce.payments.forms.claims import RunForm
from coproduce.payments.models import PaymentRun
from coproduce.payments.queries import claims as queries
from coproduce.payments.services.runs import PaymentRunError, create_payment_run

RUNS_PER_PAGE = 25
CLAIMS_PER_PAGE = 100


@permission_required("payments.run_payments", raise_exception=True)
def run_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.payment_runs(), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "payments/run_list.jinja", {"preview": queries.run_preview(), "page": page}
    )


def _render_confirm(request: HttpRequest, form: RunForm | None = None, status: int = 200):
    # The page writes the hidden count itself, so it always matches the figures shown.
    return render(
        request,
        "payments/run_confirm.jinja",
        {
            "preview": queries.run_preview(),
            "form": form or RunForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@permission_required("payments.run_payments", raise_exception=True)
def run_confirm(request: HttpRequest) -> HttpResponse:
    """What the run would pay and hold back; the run is made only by this page's button."""
    return _render_confirm(request)


@require_POST
@permission_required("payments.run_payments", raise_exception=True)
def run_create(request: HttpRequest) -> HttpResponse:
    form = RunForm(request.POST)
    if form.is_valid():
        expected = form.cleaned_data["expected_count"]
        now = queries.run_preview(held_back_shown=0).count
        if now != expected:
            form.add_error(
                None,
                f"The claims to pay have changed since you opened the page: {now} can be paid "
                f"now, not {expected}. Check the figures below and confirm again.",
            )
        else:
            try:
                run = create_payment_run(actor=request.user)
            except PaymentRunError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Payment run {run.reference} made: {count_of(run.claim_count, 'claim')}, "
                    f"{money(run.total)}. "
                    "Download the file for finance below.",
                )
                return redirect("payments:run_detail", pk=run.pk)
    return _render_confirm(request, form, status=400)


@permission_required("payments.run_payments", raise_exception=True)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = queries.run_or_404(pk)
    page = Paginator(queries.claims_in_run(run), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "payments/run_detail.jinja",
        {"run": run, "page": page, "reference": exports.claim_reference},
    )


@permission_required("payments.run_payments", raise_exception=True)
def run_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    run = get_object_or_404(PaymentRun, pk=pk)
    if file_format == "xlsx":
        response = HttpResponse(exports.run_xlsx(run), content_type=exports.XLSX_TYPE)
    else:
        response = HttpResponse(exports.run_csv(run), content_type=exports.CSV_TYPE)
    audit.record_export(
        actor=request.user,
        action=AuditEvent.Action.PAYMENT_RUN_EXPORTED,
        what=run,
        summary=f"Payment run {run.reference} as {file_format.upper()}",
        details={"format": file_format, "run": run.reference, "claims": run.claim_count},
    )
    response["Content-Disposition"] = f'attachment; filename="{run.reference}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response
