"""A member of the public asks to get involved: they arrive as an enquiry and the team is told."""

import pytest
from django.core import mail
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.people.models import Expert
from tests.factories import ExpertFactory, LivedExperienceAreaFactory

pytestmark = pytest.mark.django_db


def sign_up_data(**overrides) -> dict:
    data = {
        "full_name": "Grace Adeyemi",
        "email": "grace@example.net",
        "phone": "",
        "preferred_channel": "email",
        "perspective": "carer",
        "postcode": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_member_of_the_public_arrives_as_an_enquiry_and_the_team_is_told(
    anonymous_client, coordinator, settings, django_capture_on_commit_callbacks
):
    area = LivedExperienceAreaFactory(name="Carer of an older person")

    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(
            reverse("get_involved"), sign_up_data(lived_experience=[area.pk])
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("get_involved_done")
    expert = Expert.objects.get(email="grace@example.net")
    assert expert.status == "enquiry"
    assert expert.source == "get involved form"
    assert expert.consent_given_at is not None
    assert expert.consent_privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    assert list(expert.lived_experience.all()) == [area]
    assert AuditEvent.objects.filter(object_id=str(expert.pk), action="created").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) >= {settings.INVOLVEMENT_TEAM_EMAIL, coordinator.email}
    assert "Grace Adeyemi" in message.body
    assert reverse("people:expert_detail", args=[expert.pk]) in message.body
    # No needs or health details travel by email.
    assert "Carer of an older person" not in message.body


def test_the_answer_is_the_same_when_the_email_is_already_known(
    anonymous_client, django_capture_on_commit_callbacks
):
    ExpertFactory(email="grace@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(reverse("get_involved"), sign_up_data())
    assert response["Location"] == reverse("get_involved_done")
    assert "already on the register" in mail.outbox[0].body


def test_consent_is_required_and_what_was_typed_is_kept(anonymous_client):
    response = anonymous_client.post(reverse("get_involved"), sign_up_data(consent=""))
    html = response.content.decode()
    assert "Tick the box to say we can keep your details" in html
    assert 'value="Grace Adeyemi"' in html
    assert Expert.objects.count() == 0


def test_someone_must_leave_a_way_to_contact_them(anonymous_client):
    response = anonymous_client.post(
        reverse("get_involved"), sign_up_data(email="", phone="", preferred_channel="phone")
    )
    assert "Enter an email address or a phone number" in response.content.decode()
    assert Expert.objects.count() == 0
