"""The team sees on the places page who a paid place could push past a benefits limit, and
records the expert's choice, or an override, always with the reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import FeeChoice
from coproduce.payments.models import FeeDecision
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    """A three-hour paid meeting next week at £15 an hour (£45), for an expert whose weekly
    earnings limit is £40."""
    starts = (timezone.now() + timedelta(days=7)).replace(hour=10, minute=0)
    session = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("15.00")),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    expert = ExpertFactory(
        full_name="Wendy Weekly", benefits_declaration="weekly", earnings_limit=Decimal("40")
    )
    return InvitationFactory(session=session, expert=expert, status="accepted")


def test_places_page_flags_the_benefits_warning_and_links_to_the_choice(coordinator_client, place):
    html = coordinator_client.get(
        reverse("opportunities:session_places", args=[place.session_id])
    ).content.decode()
    assert "May affect benefits" in html
    assert reverse("payments:fee_choice_for_expert", args=[place.pk]) in html


def test_the_team_records_the_experts_choice_with_the_reason(coordinator_client, place):
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    shown = coordinator_client.get(page).content.decode()
    assert "over the declared limit of £40.00 by £5.00" in shown
    response = coordinator_client.post(
        page,
        {
            "choice": FeeChoice.REDUCED,
            "reduced_amount": "40.00",
            "decided_by": "expert",
            "reason": "Wendy rang on Monday",
        },
    )
    assert response.status_code == 302
    decision = FeeDecision.objects.get(invitation=place)
    assert (decision.choice, decision.reduced_amount) == (FeeChoice.REDUCED, Decimal("40.00"))
    assert not decision.by_expert and decision.reason == "Told us: Wendy rang on Monday"
    assert AuditEvent.objects.filter(action="fee override recorded").exists()


def test_an_override_needs_a_reason_and_keeps_what_was_typed(coordinator_client, place):
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    response = coordinator_client.post(
        page, {"choice": FeeChoice.FULL, "decided_by": "override", "reason": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the reason, for the record" in html
    assert 'value="override" checked' in html
    assert not FeeDecision.objects.exists()


def test_a_reduced_payment_must_be_less_than_the_fee(coordinator_client, place):
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    response = coordinator_client.post(
        page,
        {"choice": "reduced", "reduced_amount": "60", "decided_by": "expert", "reason": "Asked"},
    )
    assert response.status_code == 400
    assert "less than the full payment of £45.00" in response.content.decode()
