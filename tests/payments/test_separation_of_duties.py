"""Three people handle a claim entered for an expert: whoever enters it may not check it, and
whoever checks it may not approve it, so no one person can both make and pass a payment."""

import pytest

from coproduce.accounts.roles import Role
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.services.approval import ApprovalError, approve_claim, check_claim
from tests.factories import UserFactory
from tests.payments.claim_helpers import expense_claim

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]


def test_whoever_entered_a_claim_for_an_expert_may_not_check_it():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    claim = expense_claim(actor=lead)
    with pytest.raises(ApprovalError, match="You entered this claim for the expert"):
        check_claim(actor=lead, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    check_claim(actor=UserFactory(role=Role.COORDINATOR), claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_whoever_checked_a_claim_may_not_approve_it():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    claim = check_claim(actor=lead, claim=expense_claim())
    with pytest.raises(ApprovalError, match="You checked this claim"):
        approve_claim(actor=lead, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED
    approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_the_claim_page_says_who_may_check_it_instead_of_offering_the_button(client):
    from django.urls import reverse

    coordinator = UserFactory(role=Role.COORDINATOR)
    claim = expense_claim(actor=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("payments:claim_detail", args=[claim.pk])).content.decode()
    assert "someone else in the involvement team must check it" in page
    assert "Mark as checked" not in page
    client.force_login(UserFactory(role=Role.COORDINATOR))
    page = client.get(reverse("payments:claim_detail", args=[claim.pk])).content.decode()
    assert "Mark as checked" in page
