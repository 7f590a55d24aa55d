"""An expert's own claims in their portal: what they have claimed and where each claim is, the
meetings they can still claim for, claiming expenses with a receipt, and nobody else's."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.models import Claim
from coproduce.payments.queries.mine import can_claim_for
from coproduce.people.choices import BenefitsDeclaration
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    expert_with_account,
)
from tests.payments.helpers import accepted_place, make_policy
from tests.payments.mine_helpers import (
    attended,
    expense_claim,
    involvement_claim,
    pay,
    png_upload,
    reject,
)

pytestmark = pytest.mark.django_db

LIST = reverse("payments:my_claims")


def new_url(invitation) -> str:
    return reverse("payments:my_claim_new", kwargs={"invitation_pk": invitation.pk})


def claim_url(claim) -> str:
    return reverse("payments:my_claim", kwargs={"pk": claim.pk})


@pytest.fixture
def paying_expert(expert):
    expert.payee_reference = "EXP-0042"
    expert.save()
    return expert


def test_expert_sees_each_claim_with_its_status_in_words_newest_first(
    policy, paying_expert, expert_client
):
    expert = paying_expert
    paid = involvement_claim(expert, title="Carers' board")
    pay(paid, paid_on=date(2026, 3, 3))
    turned_down = reject(expense_claim(expert, amount="9.00"), "The ticket is for a different day")
    waiting = expense_claim(expert, amount="4.50")

    html = expert_client.get(LIST).content.decode()

    assert "Paid on Tuesday 3 March 2026" in html
    assert "Not approved: The ticket is for a different day" in html
    assert "Sent on" in html and "We will check it." in html
    assert "Payment for your time: £30.00" in html
    assert "Expenses: £9.00" in html and "Expenses: £4.50" in html
    # Newest first: the last claim made is at the top.
    positions = [html.index(claim_url(c)) for c in (waiting, turned_down, paid)]
    assert positions == sorted(positions)
    # What the payment policy tells experts.
    assert "Keep your receipts." in html


def test_expert_never_sees_another_experts_claims(policy, expert, expert_client):
    someone_else = expert_with_account(full_name="Other Person")
    theirs = expense_claim(someone_else, amount="7.77")
    html = expert_client.get(LIST).content.decode()
    assert "£7.77" not in html
    assert claim_url(theirs) not in html
    assert expert_client.get(claim_url(theirs)).status_code == 404


def test_claim_list_offers_only_attended_meetings_still_in_time_with_no_claim(
    policy, expert, expert_client
):
    open_place = attended(expert, days_ago=5, title="Open to claim")
    attended(expert, days_ago=120, title="Too long ago")
    expense_claim(expert, invitation=attended(expert, days_ago=4, title="Already claimed"))
    rejected_place = attended(expert, days_ago=6, title="Claimed but not approved")
    reject(expense_claim(expert, invitation=rejected_place), "Wrong amount")
    accepted_place(expert=expert, paid=False, title="Not yet recorded")
    attended(ExpertFactory(), days_ago=2, title="Somebody else's meeting")

    offered = can_claim_for(expert)

    assert [p.pk for p in offered] == [rejected_place.pk, open_place.pk]
    html = expert_client.get(LIST).content.decode()
    assert new_url(open_place) in html
    assert new_url(rejected_place) in html
    assert "Too long ago" not in html
    deadline = timezone.localdate(open_place.session.starts_at) + timedelta(days=90)
    assert f"Claim by {deadline:%A} {deadline.day} {deadline:%B %Y}" in html


def test_claim_deadline_is_the_one_in_the_policy_of_the_meetings_date(expert):
    make_policy(effective_from=date(2020, 4, 1), deadline_days=30)
    make_policy(effective_from=date(2021, 4, 1), deadline_days=200)
    place = attended(expert, days_ago=100)
    (offered,) = can_claim_for(expert)
    assert offered.pk == place.pk
    assert offered.claim_deadline == timezone.localdate(place.session.starts_at) + timedelta(
        days=200
    )


def _coming(expert, *, days: int = 12):
    """A paid workshop to come that the expert is invited to."""
    starts = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0)
    session = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("12"), kind="workshop"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    return InvitationFactory(session=session, expert=expert, status="accepted")


def test_claims_page_takes_the_same_number_of_queries_however_many_claims(
    policy, expert, expert_client
):
    # A weekly limit, so the benefits guard counts earnings for the meetings to come.
    expert.benefits_declaration = BenefitsDeclaration.WEEKLY_LIMIT
    expert.earnings_limit = Decimal("40")
    expert.save()
    expense_claim(expert)
    attended(expert, days_ago=2)
    _coming(expert)
    with CaptureQueriesContext(connection) as few:
        assert expert_client.get(LIST).status_code == 200
    for n in range(6):
        expense_claim(expert)
        involvement_claim(expert)
        attended(expert, days_ago=2)
        _coming(expert, days=12 + 7 * n)
    with CaptureQueriesContext(connection) as many:
        assert expert_client.get(LIST).status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_expert_claims_bus_fare_with_a_photo_of_the_receipt(policy, expert, expert_client):
    place = attended(expert)
    page = expert_client.get(new_url(place))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    response = expert_client.post(
        new_url(place),
        {
            "expense_1_category": "public_transport",
            "expense_1_amount": "12.40",
            "expense_1_description": "Bus there and back",
            "expense_1_receipt": png_upload(),
        },
    )

    claim = Claim.objects.get(invitation=place, kind=ClaimKind.EXPENSES)
    assert response.status_code == 302
    assert response["Location"] == claim_url(claim)
    assert (claim.status, claim.total, claim.on_behalf) == (
        ClaimStatus.SUBMITTED,
        Decimal("12.40"),
        False,
    )
    assert claim.submitted_by == expert.user
    line = claim.lines.get()
    assert line.receipt and line.receipt_name == "bus-ticket.png"
    assert AuditEvent.objects.filter(action="claim submitted", object_id=str(claim.pk)).exists()
    shown = expert_client.get(response["Location"]).content.decode()
    assert "We have your claim" in shown
    assert "Bus there and back" in shown
    assert "Receipt: added" in shown
    assert "You sent this claim." in shown


def test_a_missing_receipt_is_asked_for_beside_its_field_and_what_was_typed_is_kept(
    policy, expert, expert_client
):
    place = attended(expert)
    response = expert_client.post(
        new_url(place), {"expense_1_category": "public_transport", "expense_1_amount": "12.40"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert "Add a photo or PDF of the receipt" in html
    assert 'href="#id_expense_1_receipt"' in html
    assert 'value="12.40"' in html
    assert not Claim.objects.filter(kind=ClaimKind.EXPENSES).exists()


def test_sending_an_empty_claim_asks_for_an_expense(policy, expert, expert_client):
    response = expert_client.post(new_url(attended(expert)), {})
    assert response.status_code == 400
    assert "Add at least one expense" in response.content.decode()
    assert not Claim.objects.filter(kind=ClaimKind.EXPENSES).exists()


def test_a_meeting_the_expert_did_not_attend_gets_a_message_not_a_form(
    policy, expert, expert_client
):
    place = accepted_place(expert=expert, paid=False)
    response = expert_client.get(new_url(place))
    html = response.content.decode()
    assert response.status_code == 200
    assert "We have not recorded that you came to this meeting" in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    expert_client.post(new_url(place), {"expense_1_category": "parking", "expense_1_amount": "2"})
    assert not Claim.objects.exists()


def test_after_the_deadline_the_expert_is_told_the_last_day_to_claim(policy, expert, expert_client):
    place = attended(expert, days_ago=100)
    last_day = timezone.localdate(place.session.starts_at) + timedelta(days=90)
    html = expert_client.get(new_url(place)).content.decode()
    assert f"The last day to claim for this meeting was {last_day:%A} {last_day.day}" in html
    assert "expense_1_category" not in html


def test_expert_cannot_claim_on_another_experts_meeting(policy, expert, expert_client):
    theirs = attended(ExpertFactory())
    assert expert_client.get(new_url(theirs)).status_code == 404
    data = {"expense_1_category": "public_transport", "expense_1_amount": "3"}
    assert expert_client.post(new_url(theirs), data).status_code == 404
    assert not Claim.objects.filter(kind=ClaimKind.EXPENSES).exists()


def test_claiming_again_shows_the_claim_already_made(policy, expert, expert_client):
    place = attended(expert)
    first = expense_claim(expert, invitation=place)
    html = expert_client.get(new_url(place)).content.decode()
    assert "You have already claimed expenses for this meeting" in html
    assert claim_url(first) in html


def test_one_claim_shows_its_lines_and_what_has_happened_to_it(
    policy, paying_expert, expert_client
):
    claim = expense_claim(paying_expert, amount="6.20")
    run = pay(claim, paid_on=date(2026, 3, 3))
    html = expert_client.get(claim_url(claim)).content.decode()
    assert "Expenses: £6.20" in html
    assert "Paid on Tuesday 3 March 2026" in html
    assert "You sent this claim." in html
    assert "It was approved for payment." in html
    assert f"We paid you £6.20. Payment reference {run.reference}." in html


def test_a_claim_page_for_an_involvement_payment_says_attendance_made_it(
    policy, expert, expert_client
):
    claim = involvement_claim(expert)
    html = expert_client.get(claim_url(claim)).content.decode()
    assert "Payment for your time: £30.00" in html
    assert "We recorded that you came. This made your payment." in html
    assert "Checked" in html


def test_an_account_with_no_expert_record_finds_nothing(policy, client):
    from coproduce.accounts.roles import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.EXPERT))
    assert client.get(LIST).status_code == 404
    invitation = InvitationFactory()
    assert client.get(new_url(invitation)).status_code == 404


def test_several_bad_expenses_each_get_their_own_message_beside_them_and_in_the_summary(
    policy, expert, expert_client
):
    place = attended(expert)
    response = expert_client.post(
        new_url(place),
        {
            # A typing slip the form finds...
            "expense_1_category": "public_transport",
            "expense_1_amount": "twelve",
            # ...and two problems only the payment policy finds: each must show at once.
            "expense_2_category": "public_transport",
            "expense_2_amount": "500",
            "expense_3_category": "mileage",
        },
    )
    html = response.content.decode()
    summary = html.split('class="nhsuk-error-summary', 1)[1].split("</ul>", 1)[0]
    expected = [
        ("expense_1_amount", "Expense 1: Enter the amount as a number, like 12.50"),
        ("expense_2_amount", "Expense 2: Public transport (bus, train, tram) can be at most"),
        ("expense_3_miles", "Expense 3: Enter how many miles you travelled"),
    ]
    assert response.status_code == 400
    for field, message in expected:
        assert f'href="#id_{field}"' in summary
        assert message in summary
        beside = html.split(f'id="id_{field}-error"', 1)[1][:300]
        assert message in beside
    # In the order of the page.
    assert summary.index("Expense 1:") < summary.index("Expense 2:") < summary.index("Expense 3:")
    assert not Claim.objects.filter(kind=ClaimKind.EXPENSES).exists()
