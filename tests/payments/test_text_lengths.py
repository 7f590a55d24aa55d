"""Nothing written about a claim is cut silently. Text a person types that is too long for its
field is refused with a message beside the field (and by the service, for callers other than
the page); text we make ourselves (a receipt's file name, a payment's description) is shortened
on purpose, keeping what matters whole."""

from decimal import Decimal

import pytest
from django.urls import reverse

from coproduce.core.lengths import too_long
from coproduce.payments.choices import ClaimStatus, FeeChoice
from coproduce.payments.forms.claims import RejectForm, SendBackForm
from coproduce.payments.forms.fee_staff import REASON_ROOM, StaffFeeChoiceForm
from coproduce.payments.models import Claim, ClaimLine, FeeDecision
from coproduce.payments.services.approval import (
    ApprovalError,
    approve_claim,
    reject_claim,
    send_back_claim,
)
from coproduce.payments.services.decisions import DecisionError, record_fee_choice
from coproduce.payments.services.expenses import ClaimError, ExpenseItem, claim_expenses
from tests.factories import ExpertFactory, InvitationFactory, UserFactory
from tests.payments.claim_helpers import attended_unpaid_place, checked_claim, involvement_claim
from tests.payments.helpers import accepted_place, attend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]

DESCRIPTION_TOO_LONG = "Description must be 200 characters or fewer"
AGREED_BY_TOO_LONG = "The name of who agreed it must be 150 characters or fewer"
REASON_TOO_LONG = "The reason must be 1,000 characters or fewer"


@pytest.fixture
def place():
    return attended_unpaid_place(expert=ExpertFactory(full_name="Olive Offline"))


def error_beside(html: str, field: str) -> str:
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    return html.split(f'id="id_{field}-error"', 1)[1][:300].replace("&#39;", "'")


def claim_one(place, **item) -> Claim:
    return claim_expenses(
        actor=UserFactory(),
        invitation=place,
        items=[ExpenseItem(**{"category": "public_transport", "amount": Decimal("4"), **item})],
        on_behalf=True,
    )


# -- an expense's description and who agreed it -----------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("description", "d" * 201, DESCRIPTION_TOO_LONG),
        ("agreed_by", "a" * 151, AGREED_BY_TOO_LONG),
    ],
)
def test_an_expense_typed_too_long_gets_a_message_beside_its_field(
    coordinator_client, place, field, typed, message
):
    response = coordinator_client.post(
        reverse("payments:claim_for_expert_session", args=[place.expert_id, place.pk]),
        {
            "expense_1_category": "taxi",
            "expense_1_amount": "4.00",
            "expense_1_agreed_by": "Sam on reception",
            f"expense_1_{field}": typed,
        },
    )

    assert response.status_code == 400
    assert message in error_beside(response.content.decode(), f"expense_1_{field}")
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("description", "d" * 201, DESCRIPTION_TOO_LONG),
        ("agreed_by", "a" * 151, AGREED_BY_TOO_LONG),
    ],
)
def test_the_service_refuses_an_expense_too_long_rather_than_cut_it(place, field, typed, message):
    with pytest.raises(ClaimError) as refused:
        claim_one(place, **{field: typed})

    assert refused.value.errors == {field: message}
    assert not ClaimLine.objects.exists()


def test_the_longest_description_and_name_are_kept_whole(place):
    claim = claim_one(place, description="d" * 200, agreed_by="a" * 150)

    line = claim.lines.get()
    assert (line.description, line.agreed_by) == ("d" * 200, "a" * 150)


def test_a_long_receipt_file_name_is_shortened_on_purpose_keeping_its_extension(place):
    claim = claim_one(place, receipt_name="bus-ticket-" + "x" * 240 + ".pdf")

    name = claim.lines.get().receipt_name
    assert len(name) == 200
    assert name.startswith("bus-ticket-xxx")
    assert name.endswith("x….pdf")


# -- an involvement payment's description, made by us ------------------------------------------


def test_a_long_title_is_shortened_so_the_payment_in_words_stays_whole():
    place = attend(
        accepted_place(expert=ExpertFactory(payee_reference="P-1"), title="T" * 200), hours="2"
    )

    line = ClaimLine.objects.get(claim__invitation=place)
    assert len(line.description) == 200
    assert line.description.startswith("TTT")
    assert line.description.endswith("T…: 2 hours at £15.00")


# -- reasons written about a claim or a fee choice ---------------------------------------------


def test_an_override_reason_typed_too_long_gets_a_message_beside_the_box(finance_client):
    expert = ExpertFactory(
        payee_reference="W-1", benefits_declaration="weekly", earnings_limit=Decimal("20")
    )
    claim = involvement_claim(expert=expert)

    response = finance_client.post(
        reverse("payments:claim_approve", args=[claim.pk]), {"override_reason": "r" * 1001}
    )

    assert response.status_code == 400
    assert REASON_TOO_LONG in error_beside(response.content.decode(), "override_reason")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_the_service_refuses_an_override_reason_too_long_rather_than_cut_it(finance_officer):
    expert = ExpertFactory(
        payee_reference="W-1", benefits_declaration="weekly", earnings_limit=Decimal("20")
    )
    claim = involvement_claim(expert=expert)

    with pytest.raises(ApprovalError, match=REASON_TOO_LONG):
        approve_claim(actor=finance_officer, claim=claim, override_reason="r" * 1001)
    claim.refresh_from_db()
    assert (claim.status, claim.override_reason) == (ClaimStatus.CHECKED, "")

    approve_claim(actor=finance_officer, claim=claim, override_reason="r" * 1000)
    claim.refresh_from_db()
    assert claim.override_reason == "r" * 1000


@pytest.mark.parametrize("form_class", [RejectForm, SendBackForm])
def test_a_reason_for_rejecting_or_sending_back_typed_too_long_is_refused_in_the_form(form_class):
    form = form_class(data={"reason": "r" * 1001})

    assert form.errors["reason"] == [REASON_TOO_LONG]
    assert form_class(data={"reason": "r" * 1000}).is_valid()


@pytest.mark.parametrize("decide", [reject_claim, send_back_claim])
def test_the_service_refuses_a_reason_too_long_to_reject_or_send_back(finance_officer, decide):
    claim = checked_claim()

    with pytest.raises(ApprovalError, match=REASON_TOO_LONG):
        decide(actor=finance_officer, claim=claim, reason="r" * 1001)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_a_fee_choice_reason_typed_too_long_gets_a_message_beside_the_box():
    data = {"choice": FeeChoice.FULL, "decided_by": "override", "reason": "r" * (REASON_ROOM + 1)}
    form = StaffFeeChoiceForm(data=data, fee=Decimal("45"))

    assert form.errors["reason"] == [too_long("the reason", REASON_ROOM)]


def test_the_longest_fee_choice_reason_the_form_allows_is_kept_whole(coordinator_client):
    place = accepted_place(days_ago=-7)
    typed = "r" * REASON_ROOM

    coordinator_client.post(
        reverse("payments:fee_choice_for_expert", args=[place.pk]),
        {"choice": FeeChoice.FULL, "decided_by": "override", "reason": typed},
    )

    assert FeeDecision.objects.get(invitation=place).reason == typed


def test_the_service_refuses_a_fee_choice_reason_too_long_rather_than_cut_it(coordinator):
    place = InvitationFactory(status="accepted")

    with pytest.raises(DecisionError, match=REASON_TOO_LONG):
        record_fee_choice(
            actor=coordinator,
            invitation=place,
            choice=FeeChoice.FULL,
            by_expert=False,
            reason="r" * 1001,
        )
    assert not FeeDecision.objects.exists()
