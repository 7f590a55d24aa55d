"""Marking work confidential: on the request form (by the requester) and on the team's edit
page, with the staff who may see it. The requester is always named; someone from the
involvement team must be; the prerequisites such work needs are added; it stays
confidential."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.opportunities.confidential import services
from coproduce.opportunities.models import Opportunity
from tests.factories import OpportunityFactory, TeamFactory, UserFactory
from tests.opportunities.confidential_helpers import TITLE, make_confidential_work
from tests.opportunities.test_requests import valid_request

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_requester_marks_their_request_confidential_and_names_staff(coordinator):
    team = TeamFactory()
    asker = UserFactory(role=Role.STAFF, team=team)
    colleague = UserFactory(role=Role.STAFF, email="Pat.Colleague@example.org")
    data = valid_request(
        team,
        title=TITLE,
        kind="investigation",
        confidential="yes",
        named_team=[str(coordinator.pk)],
        named_others="pat.colleague@example.org",
        debrief_after_days="3",
        wellbeing_after_days="10",
        prerequisites=[],
    )
    response = _client(asker).post(reverse("opportunities:request_new"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    opportunity = Opportunity.objects.get(title=TITLE)
    assert opportunity.confidential
    assert set(opportunity.named_staff.all()) == {asker, coordinator, colleague}
    assert set(opportunity.prerequisites) >= {"confidentiality", "investigation"}
    assert (opportunity.debrief_after_days, opportunity.wellbeing_after_days) == (3, 10)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MADE_CONFIDENTIAL).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONFIDENTIAL_STAFF_CHANGED).exists()


def test_someone_from_the_involvement_team_must_be_named_and_what_was_typed_is_kept():
    team = TeamFactory()
    asker = UserFactory(role=Role.STAFF, team=team)
    data = valid_request(
        team,
        title=TITLE,
        confidential="yes",
        named_others="nobody@example.org",
        debrief_after_days="2",
        wellbeing_after_days="14",
    )
    response = _client(asker).post(reverse("opportunities:request_new"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Name at least one person from the involvement team" in body
    assert "could not find a member of staff with the email address nobody@example.org" in body
    assert "nobody@example.org</textarea>" in body
    assert TITLE in body
    assert not Opportunity.objects.exists()


def test_ordinary_requests_need_none_of_it():
    team = TeamFactory()
    asker = UserFactory(role=Role.STAFF, team=team)
    response = _client(asker).post(reverse("opportunities:request_new"), valid_request(team))
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert not opportunity.confidential
    assert not opportunity.named_staff.exists()


def test_the_team_marks_existing_work_confidential_on_the_edit_page(coordinator):
    opportunity = OpportunityFactory(status="published")
    data = valid_request(
        opportunity.team,
        title="Edited",
        confidential="yes",
        named_team=[str(coordinator.pk)],
        debrief_after_days="2",
        wellbeing_after_days="14",
    )
    response = _client(coordinator).post(
        reverse("opportunities:opportunity_edit", args=[opportunity.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    opportunity.refresh_from_db()
    assert opportunity.confidential
    assert set(opportunity.named_staff.all()) == {coordinator, opportunity.requested_by}


def test_the_edit_page_keeps_it_confidential_and_changes_who_is_named(coordinator):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    other = UserFactory(role=Role.COORDINATOR)
    page = _client(coordinator).get(
        reverse("opportunities:opportunity_edit", args=[opportunity.pk])
    )
    assert "This work is confidential" in page.content.decode()
    data = valid_request(
        opportunity.team,
        title=TITLE,
        confidential="no",  # not asked: it stays confidential
        named_team=[str(other.pk)],
        debrief_after_days="2",
        wellbeing_after_days="14",
    )
    response = _client(coordinator).post(
        reverse("opportunities:opportunity_edit", args=[opportunity.pk]), data
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.confidential
    assert set(opportunity.named_staff.all()) == {other, opportunity.requested_by}
    # The coordinator took themselves off: now the work is not found for them.
    again = _client(coordinator).get(
        reverse("opportunities:opportunity_detail", args=[opportunity.pk])
    )
    assert again.status_code == 404


def test_the_named_staff_page_changes_who_is_named(coordinator):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    response = _client(coordinator).post(
        reverse("opportunities:confidential_staff", args=[opportunity.pk]),
        {"named_team": [str(coordinator.pk), str(lead.pk)], "named_others": ""},
    )
    assert response.status_code == 302
    assert set(opportunity.named_staff.all()) == {coordinator, lead, opportunity.requested_by}
    empty = _client(coordinator).post(
        reverse("opportunities:confidential_staff", args=[opportunity.pk]),
        {"named_others": ""},
    )
    assert empty.status_code == 400
    assert "Name at least one person from the involvement team" in empty.content.decode()


def test_confidential_work_cannot_be_made_open_again(coordinator):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    with pytest.raises(services.ConfidentialError):
        services.set_confidential(
            actor=coordinator, opportunity=opportunity, confidential=False, named_staff=[]
        )
