"""A payment run as a file for finance: one row per claim line, CSV or XLSX, in the layout
documented in docs/payment-runs.md. No bank details: finance pays against the payee reference.

Text a spreadsheet would run as a formula (a name like "=HYPERLINK(...)") is made plain text
with `coproduce.core.spreadsheets.neutralise`, as in every spreadsheet we send out."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from coproduce.core.periods import financial_year_of
from coproduce.core.spreadsheets import heading_row, neutralise
from coproduce.payments.choices import LINE_CATEGORIES
from coproduce.payments.models import Budget, PaymentRun
from coproduce.payments.queries.claims import run_lines

COLUMNS = [
    "Payment run",
    "Paid on",
    "Payee reference",
    "Expert name",
    "Claim reference",
    "Session date",
    "Opportunity",
    "Description",
    "Category",
    "Quantity",
    "Unit rate",
    "Amount",
    "Cost centre",
    "Team",
]
# Columns that are numbers (pounds, or hours and miles) and dates, by position.
NUMBERS = {COLUMNS.index("Quantity"), COLUMNS.index("Unit rate"), COLUMNS.index("Amount")}
DATES = {COLUMNS.index("Paid on"), COLUMNS.index("Session date")}
CATEGORY_NAMES = dict(LINE_CATEGORIES)

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def claim_reference(claim_id: int) -> str:
    return f"C-{claim_id}"


def _cost_centres() -> dict[tuple[int, int], str]:
    """Each team's cost centre by financial year (one query: budgets are few)."""
    return {
        (team_id, year): centre
        for team_id, year, centre in Budget.objects.values_list("team_id", "year", "cost_centre")
    }


def rows(run: PaymentRun):
    """The export's rows as Python values: dates, Decimals (or None) and text.

    People whose processing is restricted (UK GDPR article 18) stay in: paying money already
    owed is a legal obligation, which a restriction does not pause (article 18(2) allows it
    for legal claims), unlike the register downloads, which leave them out."""
    centres = _cost_centres()
    for (
        claim_id,
        payee_reference,
        expert_name,
        session_date,
        opportunity,
        description,
        category,
        quantity,
        unit_rate,
        amount,
        team_id,
        team_name,
    ) in run_lines(run):
        yield [
            run.reference,
            run.paid_on,
            payee_reference,
            expert_name,
            claim_reference(claim_id),
            session_date,
            opportunity,
            description,
            CATEGORY_NAMES.get(category, category),
            quantity,
            unit_rate,
            amount,
            centres.get((team_id, financial_year_of(session_date)), ""),
            team_name,
        ]


def _text(position: int, value) -> str:
    if position in NUMBERS:
        return "" if value is None else f"{Decimal(value):.2f}"
    if position in DATES:
        return value.isoformat() if isinstance(value, date) else ""
    return neutralise(value)


def run_csv(run: PaymentRun) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(run):
        writer.writerow([_text(i, value) for i, value in enumerate(row)])
    return out.getvalue().encode("utf-8")


def run_xlsx(run: PaymentRun) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=run.reference)
    sheet.append(heading_row(sheet, COLUMNS))
    for row in rows(run):
        cells = []
        for i, value in enumerate(row):
            if i in NUMBERS:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "0.00"
            elif i in DATES:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = WriteOnlyCell(sheet, value=neutralise(value))
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
