"""The expert's statement: everything paid to them in a UK tax year, on a page and as a PDF to
show a benefits adviser."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.pdf import render_pdf
from coproduce.core.periods import tax_year_of
from coproduce.payments.queries.mine import (
    statement_for,
    tax_year_label,
    valid_tax_year,
)
from coproduce.payments.views.mine import PERMISSION
from coproduce.people.queries import signed_in_expert


def _year_asked(request: HttpRequest) -> int:
    text = request.GET.get("year", "").strip()
    if not text:
        return tax_year_of(timezone.localdate())
    if not text.isdigit() or not valid_tax_year(int(text)):
        raise Http404
    return int(text)


def _context(expert, year: int) -> dict:
    return {
        "expert": expert,
        "statement": statement_for(expert, year),
        "tax_year_label": tax_year_label,
        "generated_on": timezone.localdate(),
        "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
    }


@permission_required(PERMISSION, raise_exception=True)
def my_statement(request: HttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    return render(request, "payments/my_statement.jinja", _context(expert, _year_asked(request)))


@permission_required(PERMISSION, raise_exception=True)
def my_statement_pdf(request: HttpRequest, year: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    if not valid_tax_year(year):
        raise Http404
    pdf = render_pdf("payments/my_statement_pdf.jinja", _context(expert, year))
    # The page is only shown; the PDF is what leaves the product, so only it is recorded.
    audit.record_export(
        actor=request.user,
        action=AuditEvent.Action.STATEMENT_DOWNLOADED,
        what=expert,
        summary=f"Payments statement for the tax year {tax_year_label(year)} as PDF",
        details={"format": "pdf", "tax_year": tax_year_label(year)},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="payments-statement-{year}-{year + 1}.pdf"'
    # A statement of someone's income: never kept by a shared cache or the browser's history.
    response["Cache-Control"] = "private, no-store"
    return response
