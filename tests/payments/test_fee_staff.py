"""The team sees on the places page who a paid place could push past a benefits limit, and
records the expert's choice, or an override, always with the reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import FeeChoice, FeeDecider
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
    assert not decision.by_expert and decision.decided_by == FeeDecider.EXPERT
    assert decision.reason == "Wendy rang on Monday"
    event = AuditEvent.objects.get(action="fee override recorded")
    assert event.summary.endswith("(the expert's choice, told to the team)")
    again = coordinator_client.get(page).content.decode()
    assert "The expert&#39;s choice" in again and "Wendy rang on Monday" in again
    assert 'value="expert" checked' in again


def test_an_override_is_recorded_as_one_and_shown_so(coordinator_client, place):
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    coordinator_client.post(
        page, {"choice": FeeChoice.FULL, "decided_by": "override", "reason": "She needs it"}
    )
    decision = FeeDecision.objects.get(invitation=place)
    assert (decision.decided_by, decision.reason) == (FeeDecider.OVERRIDE, "She needs it")
    event = AuditEvent.objects.get(action="fee override recorded")
    assert event.summary.endswith("(an override by the team)")
    again = coordinator_client.get(page).content.decode()
    assert "An override by the team" in again and 'value="override" checked' in again


def test_saving_again_does_not_add_to_the_reason(coordinator_client, place):
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    answer = {"choice": FeeChoice.FULL, "decided_by": "override", "reason": "She needs it"}
    coordinator_client.post(page, answer)
    coordinator_client.post(page, answer)
    assert FeeDecision.objects.get(invitation=place).reason == "She needs it"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status": "declined"}, "is not going to this session"),
        ({"status": "waiting"}, "is on the waiting list"),
        ({"session_status": "cancelled"}, "This session is cancelled"),
        ({"preference": "volunteer"}, "does not take payment for their time"),
        ({"attendance": "attended"}, "Attendance has been recorded for this place"),
    ],
)
def test_the_team_cannot_record_a_choice_where_the_expert_could_not(
    coordinator_client, place, change, words
):
    if "status" in change:
        place.status = change["status"]
    if "attendance" in change:
        place.attendance = change["attendance"]
    place.save()
    if "session_status" in change:
        place.session.status = change["session_status"]
        place.session.save()
    if "preference" in change:
        place.expert.payment_preference = change["preference"]
        place.expert.save()
    page = reverse("payments:fee_choice_for_expert", args=[place.pk])
    response = coordinator_client.post(
        page,
        {"choice": FeeChoice.FULL, "decided_by": "override", "reason": "Go ahead"},
        follow=True,
    )
    assert words in response.content.decode()
    assert not FeeDecision.objects.exists()


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


def test_the_places_page_offers_no_payment_choice_on_the_waiting_list(coordinator_client, place):
    place.status = "waiting"
    place.save()
    html = coordinator_client.get(
        reverse("opportunities:session_places", args=[place.session_id])
    ).content.decode()
    assert reverse("payments:fee_choice_for_expert", args=[place.pk]) not in html
