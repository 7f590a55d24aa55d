"""Finance approves claims and pays them: opens the queue, opens a claim past a benefits limit,
approves it with the reason (after forgetting it once), makes a payment run and downloads the
CSV for finance. And a coordinator claims expenses on an expert's behalf, fixing a mistake."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.payments.models import Claim
from tests.browser.checks import assert_error_summary, check_page, follow_error_link, visit
from tests.browser.steps import sign_in_as
from tests.factories import ExpertFactory
from tests.payments.claim_helpers import attended_unpaid_place, checked_claim, involvement_claim
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.browser


def test_finance_approves_a_claim_and_pays_it_in_a_run(page, transactional_db):
    make_policy(hourly=Decimal("15.00"))
    wendy = ExpertFactory(
        full_name="Wendy Weekly",
        payee_reference="PAY-0007",
        benefits_declaration="weekly",
        earnings_limit=Decimal("20.00"),
    )
    claim = involvement_claim(expert=wendy, hours="2")  # £30 against a £20 weekly limit
    checked_claim(expert=ExpertFactory(full_name="Barry Bus", payee_reference="PAY-0008"))
    sign_in_as(page, Role.FINANCE, full_name="Fin Finance")

    visit(page, "/payments/claims/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Claims to approve")
    expect(page.get_by_text("Benefits limit", exact=True)).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("link", name="Wendy Weekly").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Claim C-{claim.pk}")
    expect(page.get_by_text("over the declared limit of £20.00 by £10.00")).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Approve and pay in full").click()
    assert_error_summary(page, {"id_override_reason": "give the reason for paying it in full"})
    check_page(page)
    follow_error_link(page, "id_override_reason")
    page.keyboard.type("Wendy asked for the full fee: her benefits changed.")
    page.get_by_role("button", name="Approve and pay in full").click()
    expect(page.get_by_role("alert").first).to_contain_text("approved: £30.00")

    # Barry's claim is next in the queue; approve it too.
    page.get_by_role("link", name="Barry Bus").click()
    page.get_by_role("button", name="Approve £8.40").click()
    expect(page.get_by_text("There are no claims here")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Payment runs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payment runs")
    expect(page.get_by_text("2 approved claims can be paid")).to_be_visible()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Make a payment run").click()
    # The button only opens the check page: nothing is paid until it is confirmed there.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the payment run before you make it"
    )
    expect(page.get_by_text("£38.40")).to_be_visible()
    assert not Claim.objects.filter(status="paid").exists()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Make the payment run").click()
    expect(page.get_by_role("alert").first).to_contain_text("2 claims, £38.40")
    check_page(page, small_screen=True)

    with page.expect_download() as caught:
        page.get_by_role("link", name="as CSV").click()
    download = caught.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert {r["Payee reference"] for r in rows} == {"PAY-0007", "PAY-0008"}
    assert sum(Decimal(r["Amount"]) for r in rows) == Decimal("38.40")
    assert set(Claim.objects.values_list("status", flat=True)) == {"paid"}


def test_coordinator_claims_expenses_on_an_experts_behalf(page, transactional_db):
    make_policy()
    place = attended_unpaid_place(expert=ExpertFactory(full_name="Olive Offline"))
    sign_in_as(page, Role.COORDINATOR, full_name="Cora Coordinator")

    visit(page, f"/payments/experts/{place.expert_id}/claims/new/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Claim expenses")
    check_page(page, small_screen=True)
    page.get_by_role("link", name=place.session.opportunity.title).click()
    check_page(page, small_screen=True)

    first = page.get_by_role("group", name="Expense 1")
    first.get_by_label("Kind of expense").select_option("mileage")
    first.get_by_label("Miles (for mileage only)").fill("500")  # over the policy's 200
    page.get_by_role("button", name="Send the claim").click()

    assert_error_summary(page, {"id_expense_1_miles": "Miles must be 200 or fewer"})
    expect(page.locator("#id_expense_1_miles")).to_have_value("500")
    check_page(page, small_screen=True)
    follow_error_link(page, "id_expense_1_miles")
    page.locator("#id_expense_1_miles").fill("24")
    page.get_by_role("button", name="Send the claim").click()

    expect(page.get_by_role("alert").first).to_contain_text("£10.80 sent for Olive Offline")
    # Whoever entered it may not check it: the page says who must.
    expect(page.get_by_role("main")).to_contain_text(
        "You entered this claim for the expert, so someone else in the involvement team must "
        "check it"
    )
    expect(page.get_by_text("Mark as checked")).to_have_count(0)
    check_page(page)
