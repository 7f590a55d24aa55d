"""The lead of confidential work (the member of staff who asked for it) is always named on
it, so whoever runs an investigation never locks themselves out: named as it is marked
confidential, not offered to untick on the named staff page or the edit page (which say why),
and kept whatever is sent."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.opportunities.confidential import services
from coproduce.opportunities.confidential.forms import NamedStaffForm
from coproduce.opportunities.forms.requests import RequestForm
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def led_by_a_coordinator(coordinator):
    """Confidential work a coordinator asked for and runs, with another coordinator named."""
    lead = UserFactory(role=Role.COORDINATOR, full_name="Olu Owner")
    opportunity = OpportunityFactory(requested_by=lead, kind="investigation")
    services.set_confidential(
        actor=lead, opportunity=opportunity, confidential=True, named_staff=[coordinator]
    )
    return opportunity


def test_marking_work_confidential_names_its_lead_though_nobody_ticked_them(coordinator):
    lead = UserFactory(role=Role.STAFF)
    opportunity = OpportunityFactory(requested_by=lead)

    services.set_confidential(
        actor=coordinator, opportunity=opportunity, confidential=True, named_staff=[coordinator]
    )

    assert set(opportunity.named_staff.all()) == {lead, coordinator}


def test_the_named_staff_page_does_not_offer_to_untick_the_lead_and_says_why(
    coordinator, led_by_a_coordinator
):
    url = reverse("opportunities:confidential_staff", args=[led_by_a_coordinator.pk])
    html = " ".join(_client(coordinator).get(url).content.decode().split())

    lead = led_by_a_coordinator.requested_by
    offered = {
        int(pk) for pk in re.findall(r'<input[^>]*name="named_team"[^>]*value="(\d+)"', html)
    }
    assert coordinator.pk in offered
    assert lead.pk not in offered
    assert (
        "Olu Owner asked for it and leads it, so they are always named and cannot be taken off"
        in html
    )
    assert "Olu Owner leads this work, so they are always named and not listed here." in html


def test_sending_the_page_without_the_lead_keeps_them_named(coordinator, led_by_a_coordinator):
    other = UserFactory(role=Role.COORDINATOR)
    url = reverse("opportunities:confidential_staff", args=[led_by_a_coordinator.pk])

    response = _client(coordinator).post(url, {"named_team": [str(other.pk)]})

    assert response.status_code == 302
    named = set(led_by_a_coordinator.named_staff.all())
    assert named == {other, led_by_a_coordinator.requested_by}


def test_a_lead_from_the_involvement_team_counts_as_the_team_member_named(
    led_by_a_coordinator,
):
    lead = led_by_a_coordinator.requested_by
    url = reverse("opportunities:confidential_staff", args=[led_by_a_coordinator.pk])

    response = _client(lead).post(url, {"named_others": ""})

    assert response.status_code == 302
    assert set(led_by_a_coordinator.named_staff.all()) == {lead}


def test_the_edit_page_does_not_offer_to_untick_the_lead_either(led_by_a_coordinator):
    form = RequestForm(opportunity=led_by_a_coordinator)
    team = form.fields["named_team"]
    assert led_by_a_coordinator.requested_by not in team.queryset
    assert "Olu Owner leads this work, so they are always named" in str(team.help_text)
    assert NamedStaffForm(opportunity=led_by_a_coordinator).initial["named_team"] == [
        u
        for u in led_by_a_coordinator.named_staff.all()
        if u.role == Role.COORDINATOR and u != led_by_a_coordinator.requested_by
    ]
