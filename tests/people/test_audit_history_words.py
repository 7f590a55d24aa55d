"""The audit history page says each old and new value as a person reads it: days as words,
choices by their labels, dates and times in UK time, Yes or No, pounds and pence, and one
word for a blank."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.people import services
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
)

pytestmark = pytest.mark.django_db


def history(client, expert) -> str:
    response = client.get(reverse("people:expert_history", args=[expert.pk]))
    assert response.status_code == 200
    return response.content.decode()


def record_stored(expert, model: str, changes: dict) -> None:
    """An audit record about another kind of record, as its service stored it."""
    AuditEvent.objects.create(
        action="updated",
        model=model,
        object_id="1",
        subject_model="people.expert",
        subject_id=str(expert.pk),
        changes=changes,
    )


def test_chosen_days_read_as_day_names(coordinator_client, coordinator):
    expert = ExpertFactory(available_days=[])
    services.update_expert(actor=coordinator, expert=expert, values={"available_days": ["tue"]})
    services.update_expert(
        actor=coordinator, expert=expert, values={"available_days": ["tue", "mon"]}
    )

    html = history(coordinator_client, expert)

    assert "<strong>Available days</strong>: Not given → Tuesday</li>" in html
    assert "<strong>Available days</strong>: Tuesday → Monday and Tuesday</li>" in html
    assert "[&#39;tue&#39;]" not in html and "'tue'" not in html


def test_days_keep_the_order_of_the_week_not_of_the_alphabet(coordinator_client, coordinator):
    expert = ExpertFactory(available_days=[], available_times=[])
    services.update_expert(
        actor=coordinator,
        expert=expert,
        values={"available_days": ["fri", "mon", "wed"], "available_times": ["evening"]},
    )

    html = history(coordinator_client, expert)

    assert "Not given → Monday, Wednesday and Friday</li>" in html
    assert "<strong>Available times</strong>: Not given → Evenings</li>" in html


def test_choices_stored_as_values_read_as_their_labels(coordinator_client):
    expert = ExpertFactory()
    invitation = InvitationFactory(expert=expert)
    record_change(
        actor=None,
        instance=invitation,
        subject=expert,
        action="updated",
        changes={"status": ["invited", "waiting"]},
    )

    html = history(coordinator_client, expert)

    assert "<strong>Status</strong>: Invited → On the waiting list</li>" in html


def test_consent_time_reads_as_a_long_date_and_time_in_uk_time(coordinator_client, coordinator):
    expert = ExpertFactory(consent_given_at=None)
    # 11am UTC is noon in London in June (British Summer Time).
    given = datetime(2026, 6, 2, 11, 0, tzinfo=UTC)
    services.update_expert(actor=coordinator, expert=expert, values={"consent_given_at": given})

    html = history(coordinator_client, expert)

    assert "<strong>Consent given at</strong>: Not given → Tuesday 2 June 2026 at 12pm</li>" in html
    assert "+00:00" not in html


def test_a_date_reads_as_a_long_date(coordinator_client):
    expert = ExpertFactory()
    record_stored(expert, "opportunities.membership", {"joined_on": [None, "2026-03-15"]})

    html = history(coordinator_client, expert)

    assert "<strong>Joined on</strong>: Not given → Sunday 15 March 2026</li>" in html


def test_true_and_false_read_as_yes_and_no(coordinator_client):
    expert = ExpertFactory()
    area = LivedExperienceAreaFactory()
    record_change(
        actor=None,
        instance=area,
        subject=expert,
        action="updated",
        changes={"active": [True, False]},
    )

    html = history(coordinator_client, expert)

    assert "<strong>Active</strong>: Yes → No</li>" in html


def test_amounts_read_in_pounds_and_pence(coordinator_client, coordinator):
    expert = ExpertFactory(earnings_limit=Decimal("195"))
    services.update_expert(
        actor=coordinator, expert=expert, values={"earnings_limit": Decimal("12.5")}
    )

    html = history(coordinator_client, expert)

    assert "<strong>Earnings limit</strong>: £195.00 → £12.50</li>" in html


def test_hours_are_not_read_as_money(coordinator_client):
    expert = ExpertFactory()
    record_stored(expert, "opportunities.invitation", {"hours": ["2.00", "2.50"]})

    html = history(coordinator_client, expert)

    assert "<strong>Hours</strong>: 2 → 2.5</li>" in html


def test_a_blank_value_reads_the_same_way_wherever_it_is(coordinator_client, coordinator):
    expert = ExpertFactory(pronouns="he/him", available_times=["morning"])
    services.update_expert(
        actor=coordinator, expert=expert, values={"pronouns": "", "available_times": []}
    )

    html = history(coordinator_client, expert)

    assert "<strong>Pronouns</strong>: he/him → Not given</li>" in html
    assert "<strong>Available times</strong>: Mornings → Not given</li>" in html
    assert "(blank)" not in html


def test_a_person_or_place_reads_as_their_name(coordinator_client, coordinator):
    expert = ExpertFactory(locality=None)
    place = LocalityFactory(name="Northside")
    services.update_expert(actor=coordinator, expert=expert, values={"locality": place})

    html = history(coordinator_client, expert)

    assert "<strong>Locality</strong>: Not given → Northside</li>" in html


def test_a_person_not_yet_recorded_reads_as_not_given(coordinator_client):
    expert = ExpertFactory()
    # Checking a claim stores str(None) for the person who had not yet checked it.
    record_stored(expert, "payments.claim", {"checked_by": ["None", "Cora Coordinator"]})

    html = history(coordinator_client, expert)

    assert "<strong>Checked by</strong>: Not given → Cora Coordinator</li>" in html


def test_history_page_query_count_does_not_grow_with_worded_changes(
    coordinator_client, coordinator
):
    expert = ExpertFactory()
    place = LocalityFactory(name="Northside")
    url = reverse("people:expert_history", args=[expert.pk])

    def add(n):
        for i in range(n):
            record_change(
                actor=coordinator,
                instance=expert,
                action="updated",
                changes={
                    "available_days": [["mon"], ["tue", "wed"]],
                    "consent_given_at": [None, f"2026-06-{i % 28 + 1:02d} 11:00:00+00:00"],
                    "earnings_limit": ["195.00", "12.50"],
                    "locality": [None, place.name],
                    "perspective": ["carer", "both"],
                },
            )

    def count() -> int:
        coordinator_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(url).status_code == 200
        return len(captured)

    add(3)
    few = count()
    add(40)
    assert count() == few
