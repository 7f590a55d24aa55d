"""A sweep of the payments pages the journeys do not walk, as each role opens them, with axe at
desktop width and 320px: the team's payment choice for a place and the places page with a
benefits warning, the check queue, a claim waiting for its check, a claim sent back and its
correction, finance's check of a payment run and the expert's pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser.steps import sign_in
from tests.browser.test_every_page import sweep
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
)
from tests.payments.claim_helpers import approved_claim, checked_claim, returned_claim
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.browser


def paid_place(expert, status="accepted"):
    """Three hours at £15 next week: £45, over a £40 weekly limit."""
    starts = (timezone.now() + timedelta(days=7)).replace(hour=10, minute=0)
    session = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("15.00")),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    return InvitationFactory(session=session, expert=expert, status=status)


def test_every_payments_page_the_team_opens_passes_axe(coordinator_page):
    make_policy()
    expert = ExpertFactory(benefits_declaration="weekly", earnings_limit=Decimal("40.00"))
    place = paid_place(expert)
    claim = checked_claim()
    attended = attend(accepted_place(), hours="2")  # the attendance page lists its payment
    returned = returned_claim()
    sweep(
        coordinator_page,
        [
            ("opportunities:session_attendance", {"pk": attended.session_id}),
            ("opportunities:session_places", {"pk": place.session_id}),
            ("payments:fee_choice_for_expert", {"invitation_pk": place.pk}),
            ("payments:claims", {}),
            ("payments:claim_detail", {"pk": claim.pk}),
            ("payments:claim_detail", {"pk": returned.pk}),
            ("payments:claim_correct_for_expert", {"pk": returned.pk}),
            ("payments:claim_for_expert", {"expert_pk": expert.pk}),
            ("payments:policy", {}),
        ],
    )


def test_every_payments_page_an_expert_opens_passes_axe(expert_page):
    make_policy()
    expert = expert_page.expert
    expert.benefits_declaration, expert.earnings_limit = "weekly", Decimal("40.00")
    expert.save()
    invited = paid_place(expert, status="invited")
    returned = returned_claim(expert=expert)
    sweep(
        expert_page,
        [
            ("opportunities:my_involvement", {}),
            ("payments:my_claims", {}),
            ("payments:my_claim", {"pk": returned.pk}),
            ("payments:my_claim_correct", {"pk": returned.pk}),
            ("payments:my_fee_choice", {"invitation_pk": invited.pk}),
            ("payments:my_statement", {}),
        ],
    )


def test_every_payments_page_finance_opens_passes_axe(page, transactional_db):
    make_policy()
    finance = UserFactory(role="finance")
    claim = checked_claim()
    # The run's check page with a claim to pay and one held back.
    approved_claim()
    approved_claim(expert=ExpertFactory(payee_reference=""))
    sign_in(page, finance)
    sweep(
        page,
        [
            ("payments:claims", {}),
            ("payments:claim_detail", {"pk": claim.pk}),
            ("payments:runs", {}),
            ("payments:run_confirm", {}),
            ("payments:budgets", {}),
            ("payments:policy", {}),
        ],
    )
