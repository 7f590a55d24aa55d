"""Saving a profile again leaves consent alone: `consent_given_at` keeps the moment recorded
(say, when they agreed online) and the audit trail shows no change that nobody made."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from tests.factories import ExpertFactory
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _consent_events(expert) -> list[AuditEvent]:
    return [
        e
        for e in AuditEvent.objects.filter(model="people.expert", object_id=str(expert.pk))
        if "consent_given_at" in (e.changes or {})
    ]


def test_saving_twice_with_consent_unchanged_keeps_when_they_agreed(coordinator_client):
    agreed = datetime(2026, 3, 15, 15, 42, 7, tzinfo=LONDON)
    expert = ExpertFactory(
        consent_given_at=agreed, consent_privacy_notice_version="2026-1", email="dev@example.net"
    )
    url = reverse("people:expert_edit", args=[expert.pk])
    data = expert_form_data(email=expert.email, consent_date="15/3/2026")

    assert coordinator_client.post(url, data).status_code == 302
    events_after_first = AuditEvent.objects.filter(object_id=str(expert.pk)).count()
    assert coordinator_client.post(url, data).status_code == 302

    expert.refresh_from_db()
    assert expert.consent_given_at == agreed
    assert _consent_events(expert) == []
    # The second save changed nothing, so it left nothing in the audit trail either.
    assert AuditEvent.objects.filter(object_id=str(expert.pk)).count() == events_after_first


def test_giving_consent_records_the_date_and_audits_it(coordinator_client):
    expert = ExpertFactory(consent_given_at=None, email="dev@example.net")
    url = reverse("people:expert_edit", args=[expert.pk])

    data = expert_form_data(email=expert.email, consent_date="15/3/2026")
    assert coordinator_client.post(url, data).status_code == 302

    expert.refresh_from_db()
    assert expert.consent_given_at == datetime(2026, 3, 15, 12, tzinfo=LONDON)
    [event] = _consent_events(expert)
    assert event.changes["consent_given_at"][0] is None


def test_a_new_consent_date_replaces_the_old_one_and_clearing_it_withdraws(
    coordinator_client,
):
    expert = ExpertFactory(
        consent_given_at=datetime(2026, 3, 15, 15, 42, tzinfo=LONDON), email="dev@example.net"
    )
    url = reverse("people:expert_edit", args=[expert.pk])

    coordinator_client.post(url, expert_form_data(email=expert.email, consent_date="2/4/2026"))
    expert.refresh_from_db()
    assert expert.consent_given_at == datetime(2026, 4, 2, 12, tzinfo=LONDON)

    coordinator_client.post(
        url,
        expert_form_data(email=expert.email, consent_date=""),
    )
    expert.refresh_from_db()
    assert expert.consent_given_at is None
    assert len(_consent_events(expert)) == 2
