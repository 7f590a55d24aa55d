"""Payment runs: finance makes a run of the approved claims, which then show as paid; a claim
is in one run only; the run's file (CSV and XLSX) has one row per claim line in the documented
layout, adds up to the run's total, and holds no bank details."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from coproduce.core.periods import financial_year_of
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.exports import COLUMNS
from coproduce.payments.models import Claim, PaymentRun
from coproduce.payments.services.approval import approve_claim, check_claim
from coproduce.payments.services.budgets import set_budget
from coproduce.payments.services.expenses import ExpenseItem, claim_expenses
from coproduce.payments.services.runs import create_payment_run
from tests.factories import ExpertFactory, UserFactory
from tests.payments.claim_helpers import approved_claim, attended_unpaid_place, checked_claim

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]
RUNS = reverse("payments:runs")
CREATE = reverse("payments:run_create")


def make_run(client) -> PaymentRun:
    count = client.get(RUNS).context["preview"].count
    response = client.post(CREATE, {"expected_count": count})
    assert response.status_code == 302, response.content.decode()[:2000]
    return PaymentRun.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def two_line_claim(expert=None) -> Claim:
    """An approved claim with a bus fare and mileage."""
    place = attended_unpaid_place(expert=expert)
    claim = claim_expenses(
        actor=UserFactory(role="coordinator"),
        invitation=place,
        items=[
            ExpenseItem(category="public_transport", amount=Decimal("9.50"), description="Bus"),
            ExpenseItem(category="mileage", miles=Decimal("10.5")),
        ],
        on_behalf=True,
    )
    check_claim(actor=UserFactory(role="coordinator"), claim=claim)
    return approve_claim(actor=UserFactory(role="finance"), claim=claim)


def download(client, run, file_format):
    response = client.get(reverse("payments:run_export", args=[run.pk, file_format]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{run.reference}.{file_format}"'
    )
    return response.content


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def xlsx_rows(content: bytes) -> tuple[list, list[list]]:
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return values[0], values[1:]


def test_the_runs_page_shows_what_can_be_paid_and_what_is_held_back(finance_client):
    approved_claim(amount="10.00")
    approved_claim(amount="5.50")
    held = approved_claim(expert=ExpertFactory(full_name="No Ref Yet", payee_reference=""))
    checked_claim()  # not approved: not counted

    response = finance_client.get(RUNS)

    html = response.content.decode()
    assert response.context["preview"].count == 2
    assert "2 approved claims can be paid, totalling <strong>£15.50</strong>" in html
    assert "Held back: no payee reference" in html
    assert reverse("payments:claim_detail", args=[held.pk]) in html
    assert "No Ref Yet" in html


def test_a_run_marks_its_claims_paid_and_a_second_run_leaves_them_out(finance_client):
    first = approved_claim(amount="10.00")
    second = approved_claim(amount="5.50")
    held = approved_claim(expert=ExpertFactory(payee_reference=""))

    run = make_run(finance_client)

    assert (run.claim_count, run.total, run.paid_on) == (2, Decimal("15.50"), timezone.localdate())
    for claim in (first, second):
        claim.refresh_from_db()
        assert (claim.status, claim.payment_run_id) == (ClaimStatus.PAID, run.pk)
    held.refresh_from_db()
    assert (held.status, held.payment_run_id) == (ClaimStatus.APPROVED, None)
    # Nothing is left to pay: a second run is refused and pays nothing twice.
    again = finance_client.post(CREATE, {"expected_count": 0})
    assert again.status_code == 400
    assert "There are no approved claims to pay" in again.content.decode()
    later = approved_claim(amount="3.00")
    run2 = make_run(finance_client)
    assert list(run2.claims.values_list("pk", flat=True)) == [later.pk]
    assert PaymentRun.objects.count() == 2


def test_a_run_is_not_made_when_the_claims_changed_since_the_page_was_opened(finance_client):
    approved_claim()
    approved_claim()
    response = finance_client.post(CREATE, {"expected_count": 1})
    assert response.status_code == 400
    assert "2 can be paid now, not 1" in response.content.decode()
    assert not PaymentRun.objects.exists()


def test_the_run_page_lists_its_claims(finance_client):
    claim = approved_claim(expert=ExpertFactory(full_name="Paid Person", payee_reference="PP-1"))
    run = make_run(finance_client)
    html = finance_client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    assert "Paid Person" in html and "PP-1" in html and f"C-{claim.pk}" in html
    assert reverse("payments:run_export", args=[run.pk, "csv"]) in html


def test_the_csv_has_one_row_per_claim_line_in_the_documented_layout(finance_client):
    expert = ExpertFactory(full_name="Dora Driver", payee_reference="PAY-0042")
    claim = two_line_claim(expert=expert)
    set_budget(
        actor=UserFactory(role="finance"),
        team=claim.team,
        year=financial_year_of(claim.session_date),
        amount=Decimal("5000"),
        cost_centre="CC-ASC-01",
    )
    run = make_run(finance_client)

    rows = csv_rows(download(finance_client, run, "csv"))

    assert list(rows[0].keys()) == COLUMNS
    assert len(rows) == 2
    bus, car = rows
    assert bus == {
        "Payment run": run.reference,
        "Paid on": run.paid_on.isoformat(),
        "Payee reference": "PAY-0042",
        "Expert name": "Dora Driver",
        "Claim reference": f"C-{claim.pk}",
        "Session date": claim.session_date.isoformat(),
        "Opportunity": claim.invitation.session.opportunity.title,
        "Description": "Bus",
        "Category": "Public transport (bus, train, tram)",
        "Quantity": "",
        "Unit rate": "",
        "Amount": "9.50",
        "Cost centre": "CC-ASC-01",
        "Team": claim.team.name,
    }
    assert (car["Quantity"], car["Unit rate"], car["Amount"]) == ("10.50", "0.45", "4.73")


def test_the_files_add_up_to_the_run_total_and_hold_no_bank_details(finance_client):
    two_line_claim()
    approved_claim(amount="7.25")
    approved_claim(amount="0.99")
    run = make_run(finance_client)

    rows = csv_rows(download(finance_client, run, "csv"))
    header, cells = xlsx_rows(download(finance_client, run, "xlsx"))

    assert sum(Decimal(r["Amount"]) for r in rows) == run.total
    amount = header.index("Amount")
    assert sum(Decimal(str(row[amount])) for row in cells).quantize(Decimal("0.01")) == run.total
    for names in (list(rows[0].keys()), header):
        assert not [n for n in names if any(w in n.lower() for w in ("bank", "sort", "account"))]
    assert {r["Claim reference"] for r in rows} == {
        f"C-{pk}" for pk in run.claims.values_list("pk", flat=True)
    }


def test_the_xlsx_has_numbers_with_two_places_and_real_dates(finance_client):
    claim = two_line_claim()
    run = make_run(finance_client)

    workbook = load_workbook(io.BytesIO(download(finance_client, run, "xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    first = sheet[2]

    assert header == COLUMNS
    assert sheet.title == run.reference
    amount = first[header.index("Amount")]
    assert (amount.value, amount.number_format) == (9.5, "0.00")
    assert first[header.index("Paid on")].value.date() == run.paid_on
    assert first[header.index("Session date")].value.date() == claim.session_date
    assert first[header.index("Cost centre")].value in ("", None)


def test_formulas_in_names_are_made_plain_text(finance_client):
    approved_claim(expert=ExpertFactory(full_name="=HYPERLINK(1)", payee_reference="+44"))
    run = make_run(finance_client)
    (row,) = csv_rows(download(finance_client, run, "csv"))
    assert (row["Expert name"], row["Payee reference"]) == ("'=HYPERLINK(1)", "'+44")
    header, (cells,) = xlsx_rows(download(finance_client, run, "xlsx"))
    assert cells[header.index("Expert name")] == "'=HYPERLINK(1)"


def test_an_unknown_file_format_is_not_found(finance_client):
    approved_claim()
    run = make_run(finance_client)
    response = finance_client.get(reverse("payments:run_export", args=[run.pk, "pdf"]))
    assert response.status_code == 404


def test_the_export_takes_as_many_queries_for_many_claims_as_for_few(finance_client):
    def queries(run, file_format):
        url = reverse("payments:run_export", args=[run.pk, file_format])
        finance_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            finance_client.get(url)
        return len(captured)

    approved_claim()
    small = make_run(finance_client)
    for _ in range(25):
        two_line_claim()
    big = make_run(finance_client)
    assert big.claim_count == 25
    for file_format in ("csv", "xlsx"):
        assert queries(big, file_format) == queries(small, file_format)


def test_coordinators_cannot_open_or_make_payment_runs(coordinator_client, finance_client):
    approved_claim()
    run = create_payment_run(actor=UserFactory(role="finance"), paid_on=date(2026, 1, 5))
    for url in (
        RUNS,
        reverse("payments:run_detail", args=[run.pk]),
        reverse("payments:run_export", args=[run.pk, "csv"]),
    ):
        assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(CREATE, {"expected_count": 0}).status_code == 403


def test_the_documented_layout_matches_the_export():
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "payment-runs.md").read_text()
    table = [
        line.split("|")[1].strip()
        for line in doc.splitlines()
        if line.startswith("| ") and not line.startswith("| Column") and "---" not in line
    ]
    assert table == COLUMNS


def _page_queries(client, url: str) -> int:
    client.get(url)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_runs_pages_take_as_many_queries_for_many_rows_as_for_few(finance_client):
    approved_claim()
    approved_claim(expert=ExpertFactory(payee_reference=""))
    first = make_run(finance_client)
    few_runs = _page_queries(finance_client, RUNS)
    few_claims = _page_queries(finance_client, reverse("payments:run_detail", args=[first.pk]))
    for _ in range(4):
        approved_claim(expert=ExpertFactory(payee_reference=""))
    for _ in range(6):
        approved_claim()
        make_run(finance_client)
    for _ in range(8):
        approved_claim()
    big = make_run(finance_client)
    assert _page_queries(finance_client, RUNS) == few_runs
    assert _page_queries(finance_client, reverse("payments:run_detail", args=[big.pk])) == (
        few_claims
    )


def test_the_runs_page_button_only_opens_the_check_page_and_makes_no_run(finance_client):
    approved_claim()
    page = finance_client.get(RUNS).content.decode()
    assert f'href="{reverse("payments:run_confirm")}"' in page
    # No form on the list posts straight to making a run.
    assert f'action="{CREATE}"' not in page
    assert not PaymentRun.objects.exists()


def test_the_check_page_says_how_many_claims_how_much_and_which_are_held_back(finance_client):
    approved_claim(amount="10.00")
    approved_claim(amount="9.99")
    approved_claim(expert=ExpertFactory(full_name="Hana Held", payee_reference=""))

    response = finance_client.get(reverse("payments:run_confirm"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Claims to pay</dt>" in page
    assert '<dd class="nhsuk-summary-list__value">2</dd>' in page
    assert "£19.99" in page
    assert "Hana Held" in page
    assert "1 claim, £8.40: no payee reference" in page
    assert f'action="{CREATE}"' in page
    assert 'value="2"' in page
    assert "Make the payment run" in page
    assert "Go back without making a run" in page
    assert not PaymentRun.objects.exists()


def test_a_refused_run_comes_back_to_the_check_page(finance_client):
    approved_claim()
    response = finance_client.post(CREATE, {"expected_count": 5})
    assert response.status_code == 400
    assert "Check the payment run before you make it" in response.content.decode()
    assert not PaymentRun.objects.exists()
