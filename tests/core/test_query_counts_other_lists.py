"""The other list pages issue as many queries for many rows as for few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.audit.services import record_change, record_view
from tests.factories import ExpertFactory, SkillFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_staff_accounts_page(administrator_client):
    def add(n):
        for _ in range(n):
            UserFactory(role=Role.STAFF, team=TeamFactory(), with_totp=False)

    add(3)
    few = queries_for(administrator_client, reverse("accounts:staff_list"))
    add(30)
    assert queries_for(administrator_client, reverse("accounts:staff_list")) == few


def test_teams_page(administrator_client):
    for _ in range(3):
        TeamFactory()
    few = queries_for(administrator_client, reverse("accounts:team_list"))
    for _ in range(30):
        TeamFactory()
    assert queries_for(administrator_client, reverse("accounts:team_list")) == few


def test_list_entries_page(coordinator_client):
    skills = [SkillFactory() for _ in range(3)]
    ExpertFactory(skills=skills)
    url = reverse("people:list_entries", args=["skills"])
    few = queries_for(coordinator_client, url)
    more = [SkillFactory() for _ in range(30)]
    ExpertFactory(skills=more)
    assert queries_for(coordinator_client, url) == few


def test_audit_history_page(coordinator_client, coordinator):
    expert = ExpertFactory()
    url = reverse("people:expert_history", args=[expert.pk])
    for _ in range(3):
        record_change(actor=coordinator, instance=expert, action="updated", changes={"a": [1, 2]})
        record_view(viewer=coordinator, instance=expert)
    few = queries_for(coordinator_client, url)
    for _ in range(40):
        record_change(actor=coordinator, instance=expert, action="updated", changes={"a": [1, 2]})
        record_view(viewer=coordinator, instance=expert)
    assert queries_for(coordinator_client, url) == few
