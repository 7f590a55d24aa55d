"""An expert on a phone claims their bus fare with a photo of the ticket, sees the claim sent,
reads their statement, and chooses a smaller payment when a fee would pass their benefits
limit. Every page passes axe and fits a 320px-wide screen."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.payments.models import Claim, FeeDecision
from coproduce.people.choices import BenefitsDeclaration
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory
from tests.payments.helpers import make_policy
from tests.payments.mine_helpers import attended, involvement_claim, pay

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def _receipt_photo(folder):
    from PIL import Image

    path = folder / "bus-ticket.png"
    Image.new("RGB", (60, 90), "white").save(path, format="PNG")
    return path


def test_expert_claims_bus_fare_with_a_receipt_photo_on_a_phone(
    expert_page, transactional_db, tmp_path
):
    page = expert_page
    page.set_viewport_size(PHONE)
    expert = page.expert
    expert.payee_reference = "EXP-0042"
    expert.save()
    make_policy(hourly=Decimal("15.00"))
    earlier = involvement_claim(expert, days_ago=20, title="Learning disability board")
    pay(earlier, paid_on=timezone.localdate() - timedelta(days=1))
    place = attended(expert, days_ago=2, title="Carers' board")
    day = timezone.localdate(place.session.starts_at)
    when = f"{day:%A} {day.day} {day:%B %Y}"

    visit(page, "/my-money/")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("My money")
    expect(main).to_contain_text("Paid on")
    check_page(page, small_screen=True)

    main.get_by_role("link", name=f"Claim expenses for Carers' board on {when}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim expenses")
    check_page(page, small_screen=True)

    page.locator("#id_expense_1_category").select_option("public_transport")
    page.locator("#id_expense_1_amount").fill("12.40")
    page.locator("#id_expense_1_description").fill("Bus there and back")
    page.get_by_role("button", name="Send my claim").click()
    # Over £10 a bus fare needs its ticket: the page says so beside the file box.
    assert_error_summary(page, {"id_expense_1_receipt": "receipt"})
    expect(page.locator("#id_expense_1_amount")).to_have_value("12.40")
    check_page(page, small_screen=True)

    page.locator("#id_expense_1_receipt").set_input_files(str(_receipt_photo(tmp_path)))
    page.get_by_role("button", name="Send my claim").click()
    expect(page.get_by_role("alert").first).to_contain_text("We have your claim")
    expect(page.get_by_role("heading", level=1)).to_have_text("Expenses: £12.40")
    expect(main).to_contain_text("Sent on")
    expect(main).to_contain_text("Receipt: added")
    check_page(page, small_screen=True)
    claim = Claim.objects.get(invitation=place, kind="expenses")
    assert claim.status == "submitted" and claim.lines.get().receipt

    page.get_by_role("link", name="Back to my money").first.click()
    expect(main.get_by_role("link", name="Expenses: £12.40")).to_be_visible()
    expect(main.get_by_text("Sent on")).to_be_visible()
    # Claimed now, so no longer offered; the board she was paid for still is.
    claim_links = main.get_by_role("link", name=re.compile(r"^Claim expenses for"))
    expect(claim_links).to_have_count(1)
    expect(claim_links).to_contain_text("Learning disability board")
    main.get_by_role("link", name="See my statement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My statement for")
    expect(main).to_contain_text("Learning disability board")
    expect(main).to_contain_text("Total payments for time given: £30.00")
    expect(main).to_contain_text("Expenses are not earnings.")
    expect(main.get_by_role("link", name="Download this statement as a PDF")).to_be_visible()
    check_page(page, small_screen=True)


def test_expert_warned_about_benefits_chooses_a_smaller_payment_on_a_phone(
    expert_page, transactional_db
):
    page = expert_page
    page.set_viewport_size(PHONE)
    expert = page.expert
    expert.benefits_declaration = BenefitsDeclaration.WEEKLY_LIMIT
    expert.earnings_limit = Decimal("20.00")
    expert.save()
    make_policy(hourly=Decimal("15.00"))
    starts = (timezone.now() + timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = SessionFactory(
        opportunity=OpportunityFactory(
            paid=True, hourly_rate=Decimal("12.00"), kind="workshop", title="Carers' board"
        ),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    invitation = InvitationFactory(session=session, expert=expert)

    visit(page, "/my-money/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("This payment could affect your benefits")
    main.get_by_role("link", name="Choose what you are paid for Carers' board").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What do you want to be paid?")
    expect(main).to_contain_text("That is £10.00 more than your limit.")
    check_page(page, small_screen=True)

    page.get_by_label("Take a smaller payment").check()
    page.get_by_role("button", name="Save my choice").click()
    assert_error_summary(page, {"id_reduced_amount": "Enter how much you want to be paid"})
    check_page(page, small_screen=True)

    page.get_by_label("If you want a smaller payment").fill("20")
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_role("alert").first).to_contain_text("Take a smaller payment of £20.00")
    expect(main).to_contain_text("You chose: Take a smaller payment of £20.00.")
    check_page(page, small_screen=True)
    decision = FeeDecision.objects.get(invitation=invitation)
    assert (decision.choice, decision.reduced_amount, decision.by_expert) == (
        "reduced",
        Decimal("20.00"),
        True,
    )
