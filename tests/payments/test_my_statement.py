"""The expert's statement: everything paid to them in a UK tax year (6 April to 5 April), by
the day it was paid, earnings apart from reimbursed expenses, on a page and as a PDF."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.payments.queries.mine import Statement, statement_for
from tests.core.pdf_helpers import info_title, is_tagged, language, page_texts
from tests.factories import expert_with_account
from tests.payments.mine_helpers import expense_claim, involvement_claim, pay
from tests.welcome.pdf_text import text_of

pytestmark = pytest.mark.django_db

PAGE = reverse("payments:my_statement")


def pdf_url(year: int) -> str:
    return reverse("payments:my_statement_pdf", kwargs={"year": year})


@pytest.fixture
def paying_expert(expert):
    expert.payee_reference = "EXP-0042"
    expert.save()
    return expert


def test_a_tax_year_runs_from_6_april_to_5_april_by_the_day_paid(policy, paying_expert):
    expert = paying_expert
    days = {
        "5 April 2026": date(2026, 4, 5),
        "6 April 2026": date(2026, 4, 6),
        "5 April 2027": date(2027, 4, 5),
        "6 April 2027": date(2027, 4, 6),
    }
    claims = {}
    for label, day in days.items():
        claims[label] = expense_claim(expert, amount="1.00")
        pay(claims[label], paid_on=day)

    def paid_in(year):
        return {c.pk for c in statement_for(expert, year).expenses}

    assert paid_in(2025) == {claims["5 April 2026"].pk}
    assert paid_in(2026) == {claims["6 April 2026"].pk, claims["5 April 2027"].pk}
    assert paid_in(2027) == {claims["6 April 2027"].pk}


def test_earnings_and_expenses_are_listed_and_totalled_apart(policy, paying_expert, expert_client):
    expert = paying_expert
    pay(involvement_claim(expert, hours="2", title="Carers' board"), paid_on=date(2026, 5, 1))
    pay(involvement_claim(expert, hours="1", title="Interview panel"), paid_on=date(2026, 6, 1))
    pay(expense_claim(expert, amount="4.50"), paid_on=date(2026, 5, 1))
    pay(expense_claim(expert, amount="8.25"), paid_on=date(2026, 7, 1))
    # Approved but not paid yet, and another expert's: neither is on the statement.
    from coproduce.payments.services.approval import approve_claim
    from tests.payments.mine_helpers import finance

    approve_claim(actor=finance(), claim=expense_claim(expert, amount="9.99"))
    other = expert_with_account(payee_reference="OTHER-1")
    pay(expense_claim(other, amount="5.55"), paid_on=date(2026, 5, 1))

    statement = statement_for(expert, 2026)
    assert statement.earnings_total == Decimal("45.00")
    assert statement.expenses_total == Decimal("12.75")
    assert [c.paid_on for c in statement.earnings] == [date(2026, 5, 1), date(2026, 6, 1)]

    html = expert_client.get(PAGE, {"year": 2026}).content.decode()
    earnings, expenses = html.split('id="expenses"', 1)
    assert "Carers&#39; board" in earnings and "Interview panel" in earnings
    assert "Total payments for time given: <strong>£45.00</strong>" in earnings
    assert "Total expenses paid back: <strong>£12.75</strong>" in expenses
    assert "Public transport (bus, train, tram)" in expenses
    assert "Expenses are not earnings." in html
    assert "£9.99" not in html and "£5.55" not in html
    assert "1 May 2026" in html and "PR-" in html


def test_statement_page_links_to_other_tax_years_and_its_pdf(policy, paying_expert, expert_client):
    pay(expense_claim(paying_expert), paid_on=date(2024, 5, 1))
    with time_machine.travel(date(2026, 11, 25), tick=False):
        html = expert_client.get(PAGE).content.decode()
    assert "My statement for 2026 to 2027" in html
    assert "Monday 6 April 2026 to Monday 5 April 2027" in html
    assert pdf_url(2026) in html
    for year in (2024, 2025):
        assert f"?year={year}" in html
    assert '<strong aria-current="page">2026 to 2027 (shown above)</strong>' in html


@pytest.mark.parametrize("year", ["abc", "1066", "99999"])
def test_a_year_that_is_not_a_tax_year_is_not_found(policy, expert_client, year):
    assert expert_client.get(PAGE, {"year": year}).status_code == 404


def test_statement_takes_the_same_number_of_queries_however_many_payments(
    policy, paying_expert, expert_client
):
    pay(expense_claim(paying_expert), paid_on=date(2026, 5, 1))
    with CaptureQueriesContext(connection) as few:
        expert_client.get(PAGE, {"year": 2026})
    for n in range(5):
        pay(expense_claim(paying_expert), paid_on=date(2026, 5, 2 + n))
        pay(involvement_claim(paying_expert), paid_on=date(2026, 6, 2 + n))
    with CaptureQueriesContext(connection) as many:
        expert_client.get(PAGE, {"year": 2026})
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def _pdf_text(pdf_html: str) -> tuple[int, str]:
    """The page count and the laid-out text of the PDF made from this HTML."""
    from coproduce.core.pdf import render_document

    pages = page_texts(render_document(pdf_html))
    return len(pages), " ".join(pages)


def test_the_pdf_is_a_statement_a_benefits_adviser_can_read(
    policy, paying_expert, expert_client, settings
):
    pay(involvement_claim(paying_expert, title="Carers' board"), paid_on=date(2026, 5, 1))
    pay(expense_claim(paying_expert, amount="4.50"), paid_on=date(2026, 5, 1))

    with time_machine.travel(date(2026, 11, 25), tick=False):
        response = expert_client.get(pdf_url(2026))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert 'filename="payments-statement-2026-2027.pdf"' in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")

    # The same template, laid out again, for its words.
    from coproduce.payments.views.mine_statement import _context

    with time_machine.travel(date(2026, 11, 25), tick=False):
        html = render_to_string("payments/my_statement_pdf.jinja", _context(paying_expert, 2026))
    pages, text = _pdf_text(html)
    assert pages >= 1
    for words in (
        settings.ORGANISATION_NAME,
        "Eve Expert",
        "EXP-0042",
        "Wednesday 25 November 2026",
        "Monday 6 April 2026 to Monday 5 April 2027",
        "Payments for time given (earnings)",
        "Expenses paid back (not earnings)",
        "Total payments for time given: £30.00",
        "Total expenses paid back: £4.50",
        "They are not earnings.",
        "Carers' board",
    ):
        assert words in text, f"{words!r} is not in the PDF: {text}"
    # The responsive tables' repeated headings are for small screens, not paper.
    assert "Meeting date Meeting date" not in text
    assert io.BytesIO(pdf).getbuffer().nbytes > 1000


def test_another_tax_years_pdf_with_nothing_paid_says_so(policy, paying_expert, expert_client):
    response = expert_client.get(pdf_url(2021))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from coproduce.payments.views.mine_statement import _context

    _, text = _pdf_text(
        render_to_string("payments/my_statement_pdf.jinja", _context(paying_expert, 2021))
    )
    assert "No payments for time given in this tax year." in text
    assert "No expenses paid back in this tax year." in text


def test_a_pdf_for_a_year_out_of_range_is_not_found(expert_client):
    assert expert_client.get(pdf_url(1999)).status_code == 404


def test_the_statement_pdf_is_tagged_with_its_title_and_language(
    policy, paying_expert, expert_client, settings
):
    pay(expense_claim(paying_expert, amount="4.50"), paid_on=date(2026, 5, 1))
    pdf = expert_client.get(pdf_url(2026)).content
    assert is_tagged(pdf)
    assert language(pdf) == "en-GB"
    assert info_title(pdf) == (
        f"Statement of payments to Eve Expert, 2026 to 2027 – {settings.ORGANISATION_NAME}"
    )


TOTALS = ("Total payments for time given:", "Total expenses paid back:")
FOOTER = "Questions about this statement:"


def _orphans(pages: list[str]) -> list[str]:
    """What is alone on a page: a total with no row of its table (or no "No ... in this tax
    year") before it on that page, or the footer on a page with no total."""
    found = []
    for number, text in enumerate(pages, start=1):
        start = 0
        for total in TOTALS:
            at = text.find(total)
            if at == -1:
                continue
            above = text[start:at]
            if "PR-" not in above and "in this tax year." not in above:
                found.append(f"page {number}: {total!r} without its rows")
            start = at + len(total)
        if FOOTER in text and not any(total in text for total in TOTALS):
            found.append(f"page {number}: the footer alone")
    return found


def test_no_page_of_a_long_statement_has_a_total_or_the_footer_without_its_rows(
    policy, paying_expert
):
    """However many payments push the statement onto a second page, each total stays with
    rows of its table and the footer with the last total."""
    from coproduce.core.pdf import render_document
    from coproduce.payments.views.mine_statement import _context

    for day in range(1, 6):
        pay(involvement_claim(paying_expert, title="Carers' board"), paid_on=date(2026, 5, day))
    for day in range(1, 13):
        pay(expense_claim(paying_expert, amount="4.50"), paid_on=date(2026, 6, day))
    context = _context(paying_expert, 2026)
    whole = context["statement"]

    longest = 0
    for expenses in range(len(whole.expenses) + 1):
        statement = Statement(
            year=whole.year,
            period=whole.period,
            earnings=whole.earnings,
            expenses=whole.expenses[:expenses],
        )
        html = render_to_string(
            "payments/my_statement_pdf.jinja", {**context, "statement": statement}
        )
        pages = page_texts(render_document(html))
        longest = max(longest, len(pages))
        assert _orphans(pages) == [], f"With {expenses} expenses: {pages}"
        assert pages[-1].count("PR-") >= 1
    assert longest >= 2, "No statement here was long enough to need a second page"


def test_the_pdf_does_not_name_confidential_work_but_the_page_does_for_the_expert(
    policy, paying_expert, expert_client
):
    # The PDF may be handed to a benefits adviser: confidential work is not named in it, in
    # either table. The page is for the expert themself, who was there, so it keeps the title.
    hidden_title = "Ward 7 serious incident review"
    earned = involvement_claim(paying_expert, title=hidden_title, confidential=True)
    pay(earned, paid_on=date(2026, 5, 1))
    pay(expense_claim(paying_expert, invitation=earned.invitation), paid_on=date(2026, 5, 2))
    pay(involvement_claim(paying_expert, title="Carers' board"), paid_on=date(2026, 6, 1))

    response = expert_client.get(pdf_url(2026))
    assert response.status_code == 200
    text = " ".join(text_of(response.content).split())
    earnings, expenses = text.split("Expenses paid back (not earnings)", 1)
    assert "Confidential work (details not shared)" in earnings
    assert "Confidential work (details not shared): Public transport (bus, train, tram)" in expenses
    assert "Carers' board" in earnings
    assert "Ward 7" not in text and "serious incident" not in text

    html = expert_client.get(PAGE, {"year": 2026}).content.decode()
    assert html.count(hidden_title) == 2
    assert "details not shared" not in html
