"""Becoming active always goes through the onboarding checklist: the status form on the
profile is refused, beside its choice and with what was typed kept, just as the one-step
"make active" is, naming what is missing; a returning (paused or left) expert too. Adding an
expert already active by hand is refused the same way. (A spreadsheet import is apart: it
brings people already working with the organisation onto the register as they are.)"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.checklist import services as checklist
from coproduce.people import services
from coproduce.people.choices import Status
from coproduce.people.models import Expert, StatusChange
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def photo_required(involvement_lead):
    checklist.save_required(actor=involvement_lead, required=["photo"])


def _post(client, expert, **data):
    return client.post(reverse("people:expert_status", args=[expert.pk]), data)


@pytest.mark.parametrize("before", [Status.ENQUIRY, Status.ONBOARDING, Status.PAUSED, Status.LEFT])
def test_the_status_form_cannot_make_someone_active_before_the_checklist_is_done(
    coordinator_client, before
):
    expert = ExpertFactory(status=before, full_name="Nia Newcomer", photo="")

    response = _post(coordinator_client, expert, status="active", reason="Finished induction")

    assert response.status_code == 400
    html = " ".join(response.content.decode().split())
    beside = html.split('id="id_status-error"', 1)[1][:200]
    assert "Nia Newcomer cannot be made active yet. Still to do: photo provided." in beside
    assert "There is a problem" in html
    assert 'value="Finished induction"' in html
    assert 'value="active" checked' in html
    expert.refresh_from_db()
    assert expert.status == before
    assert not StatusChange.objects.filter(expert=expert).exists()


def test_the_status_form_makes_someone_active_once_the_checklist_is_done(
    coordinator_client, coordinator
):
    expert = ExpertFactory(status=Status.PAUSED)
    expert.photo.save("me.jpg", ContentFile(b"\xff\xd8 photo"))

    response = _post(coordinator_client, expert, status="active", reason="Back from a break")

    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.status == Status.ACTIVE
    change = StatusChange.objects.get(expert=expert)
    assert (change.to_status, change.by, change.reason) == (
        "active",
        coordinator,
        "Back from a break",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.STATUS_CHANGED)
    assert event.changes == {"status": ["Paused", "Active"]}


def test_other_moves_need_no_checklist(coordinator_client):
    expert = ExpertFactory(status=Status.ONBOARDING, photo="")
    assert _post(coordinator_client, expert, status="paused").status_code == 302
    expert.refresh_from_db()
    assert expert.status == Status.PAUSED


def test_adding_someone_already_active_by_hand_is_refused_and_nothing_is_kept(coordinator):
    with pytest.raises(services.NotReady, match="Still to do: photo provided"):
        services.add_expert(
            actor=coordinator,
            values={"full_name": "Ada Active", "perspective": "carer", "status": Status.ACTIVE},
        )
    assert not Expert.objects.filter(full_name="Ada Active").exists()
