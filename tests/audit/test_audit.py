"""The audit trail: append-only, written with every change, and readable on the profile."""

import logging

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.audit.services import record_change
from tests.factories import ExpertFactory
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db


def test_audit_records_cannot_be_changed_or_deleted(coordinator):
    expert = ExpertFactory()
    event = record_change(actor=coordinator, instance=expert, action="updated", summary="x")
    event.summary = "rewritten"
    with pytest.raises(ValueError, match="cannot be changed"):
        event.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"


def test_opening_a_profile_is_recorded_with_who_and_when(coordinator_client, coordinator):
    expert = ExpertFactory()
    coordinator_client.get(reverse("people:expert_detail", args=[expert.pk]))
    view = RecordView.objects.get(subject_id=str(expert.pk))
    assert view.viewer == coordinator
    assert view.subject_model == "people.expert"


def test_coordinators_read_an_experts_history_with_old_and_new_values(coordinator_client):
    expert = ExpertFactory(full_name="Ken Adams", email="ken@example.net", pronouns="he/him")
    coordinator_client.get(reverse("people:expert_detail", args=[expert.pk]))
    coordinator_client.post(
        reverse("people:expert_edit", args=[expert.pk]),
        expert_form_data(full_name="Ken Adams", email="ken@example.net", pronouns="they/them"),
    )

    html = coordinator_client.get(reverse("people:expert_history", args=[expert.pk])).content
    html = html.decode()

    assert "he/him" in html and "they/them" in html
    assert "Cora Coordinator" in html
    assert "Who has opened this record" in html


def test_nothing_sensitive_reaches_the_logs(coordinator_client, caplog):
    expert = ExpertFactory(full_name="Log Test")
    data = expert_form_data(
        full_name="Log Test",
        email=expert.email,
        internal_notes="SECRET-NOTE detained under section 3",
        access_notes="SECRET-NEED wheelchair",
        earnings_limit="123.45",
    )
    with caplog.at_level(logging.DEBUG):
        coordinator_client.post(reverse("people:expert_edit", args=[expert.pk]), data)
        coordinator_client.get(reverse("people:expert_detail", args=[expert.pk]))
        coordinator_client.get(reverse("people:register"), {"q": "Log Test"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "SECRET-NOTE" not in logged
    assert "SECRET-NEED" not in logged
    assert "123.45" not in logged
