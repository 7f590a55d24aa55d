"""The involvement team creates an opportunity directly (one-off or a series), edits it, and
lists opportunities with a fixed number of queries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.opportunities.choices import RequestStatus
from coproduce.opportunities.models import Opportunity
from tests.factories import OpportunityFactory, SessionFactory, TeamFactory
from tests.opportunities.test_requests import valid_request

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), tick=False):
        yield


def test_coordinator_creates_a_weekly_series_published_at_once(coordinator_client):
    team = TeamFactory()
    response = coordinator_client.post(
        reverse("opportunities:opportunity_new"),
        valid_request(team, repeat="weekly", count="6"),
    )
    opportunity = Opportunity.objects.get()
    assert response["Location"] == reverse(
        "opportunities:opportunity_detail", args=[opportunity.pk]
    )
    assert opportunity.status == RequestStatus.PUBLISHED
    assert opportunity.sessions.count() == 6
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Tuesday 17 March 2026" in page
    assert "Tuesday 21 April 2026" in page


def test_editing_keeps_what_was_typed_on_error_and_saves_changes(coordinator_client):
    opportunity = OpportunityFactory(paid=False, title="Stroke pathway")
    url = reverse("opportunities:opportunity_edit", args=[opportunity.pk])
    page = coordinator_client.get(url).content.decode()
    assert f'value="{opportunity.title}"' in page
    schedule = ("first_date", "start_time", "end_time", "repeat", "count", "until")
    data = valid_request(
        opportunity.team, title="New title", hourly_rate="", **dict.fromkeys(schedule)
    )
    response = coordinator_client.post(url, data)
    assert (
        "Enter the hourly rate agreed for this work: there is no payment policy yet"
        in response.content.decode()
    )
    assert 'value="New title"' in response.content.decode()
    data["hourly_rate"] = "30.50"
    assert coordinator_client.post(url, data).status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.title, str(opportunity.hourly_rate)) == ("New title", "30.50")


def test_staff_cannot_create_or_open_opportunities(staff_client):
    assert staff_client.get(reverse("opportunities:opportunity_new")).status_code == 403
    assert staff_client.get(reverse("opportunities:opportunity_list")).status_code == 403


def test_opportunity_list_has_a_fixed_number_of_queries(
    coordinator_client, django_assert_max_num_queries
):
    url = reverse("opportunities:opportunity_list")

    def measure():
        coordinator_client.get(url)
        with django_assert_max_num_queries(10) as captured:
            coordinator_client.get(url)
        return len(captured)

    SessionFactory()
    few = measure()
    for _ in range(20):
        SessionFactory.create_batch(2, opportunity=OpportunityFactory())
    assert measure() == few


def test_opportunity_page_has_a_fixed_number_of_queries(
    coordinator_client, django_assert_max_num_queries
):
    opportunity = OpportunityFactory()
    url = reverse("opportunities:opportunity_detail", args=[opportunity.pk])

    def measure():
        coordinator_client.get(url)
        with django_assert_max_num_queries(12) as captured:
            coordinator_client.get(url)
        return len(captured)

    SessionFactory(opportunity=opportunity)
    few = measure()
    SessionFactory.create_batch(12, opportunity=opportunity)
    assert measure() == few
