"""An expert sees and edits their own profile, and nothing about anyone else."""

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from tests.factories import AccessNeedFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def own_profile_data(**overrides) -> dict:
    data = {
        "preferred_name": "Evie",
        "pronouns": "she/her",
        "phone": "07700 900 777",
        "address": "",
        "postcode": "SY3 7AA",
        "preferred_channel": "text",
        "biography": "I have used mental health services for years.",
        "access_notes": "",
        "available_days": ["tue", "thu"],
        "available_times": ["afternoon"],
        "notice_days": "10",
    }
    data.update(overrides)
    return data


def test_expert_sees_their_own_profile(expert_client, expert):
    html = expert_client.get(reverse("people:my_profile")).content.decode()
    assert expert.full_name in html


def test_expert_changes_their_own_details_and_the_change_is_audited(expert_client, expert):
    large_print = AccessNeedFactory(name="Large print")
    data = own_profile_data(access_needs=[large_print.pk])

    response = expert_client.post(reverse("people:my_profile_edit"), data)

    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.preferred_name == "Evie"
    assert expert.phone == "+447700900777"
    assert expert.available_days == ["tue", "thu"]
    assert list(expert.access_needs.all()) == [large_print]
    event = AuditEvent.objects.get(object_id=str(expert.pk), action="updated")
    assert event.actor == expert.user


def test_expert_cannot_change_fields_only_the_team_keeps(expert_client, expert):
    data = own_profile_data(internal_notes="I am great", status="active", full_name="Someone Else")
    expert_client.post(reverse("people:my_profile_edit"), data)
    expert.refresh_from_db()
    assert expert.internal_notes == ""
    assert expert.full_name == "Eve Expert"


def test_expert_form_keeps_what_was_typed_on_error(expert_client):
    response = expert_client.post(
        reverse("people:my_profile_edit"), own_profile_data(phone="not a phone")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Evie"' in html
    assert "Enter a phone number" in html


def test_expert_cannot_open_another_experts_profile(expert_client):
    other = ExpertFactory()
    for name in ("people:expert_detail", "people:expert_edit", "people:expert_history"):
        assert expert_client.get(reverse(name, args=[other.pk])).status_code == 404


def test_expert_cannot_open_the_register(expert_client):
    assert expert_client.get(reverse("people:register")).status_code == 403
