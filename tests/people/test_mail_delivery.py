"""Mail that matters, sent through a real SMTP server: the team hears about a new enquiry, the
person who asked is told we have it, and an expert receives the code they sign in with."""

import re

import pytest
from django.urls import reverse

from tests.factories import expert_with_account

pytestmark = pytest.mark.django_db


def test_the_team_is_told_about_an_enquiry_by_real_email(
    anonymous_client, coordinator, settings, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(
            reverse("get_involved"),
            {
                "full_name": "Rosa Kowalski",
                "email": "rosa@example.net",
                "preferred_channel": "email",
                "perspective": "service_user",
                "consent": "on",
            },
        )

    ((recipients, message),) = [
        (to, m) for to, m in smtp_server.messages if m["Subject"].startswith("New enquiry")
    ]
    assert set(recipients) == {settings.INVOLVEMENT_TEAM_EMAIL, coordinator.email}
    assert message["Subject"] == "New enquiry: someone wants to get involved"
    assert "Rosa Kowalski" in message.get_body(("plain",)).get_content()


def test_the_person_who_asked_to_get_involved_is_sent_a_confirmation_by_real_email(
    anonymous_client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(
            reverse("get_involved"),
            {
                "full_name": "Rosa Kowalski",
                "email": "rosa@example.net",
                "preferred_channel": "email",
                "perspective": "service_user",
                "consent": "on",
            },
        )

    ((message),) = [m for to, m in smtp_server.messages if to == ["rosa@example.net"]]
    assert message["Subject"] == "We have your details: getting involved"
    assert "What happens next" in message.get_body(("plain",)).get_content()
    assert "What happens next" in message.get_body(("html",)).get_content()


def test_an_expert_signs_in_with_a_code_that_arrived_by_real_email(client, smtp_server):
    expert = expert_with_account(email="nia@example.net")

    client.post(reverse("account_request_login_code"), {"email": "nia@example.net"})

    recipients, message = smtp_server.messages[-1]
    assert recipients == ["nia@example.net"]
    code = re.search(r"\b(\d{6})\b", message.get_body(("plain",)).get_content()).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("people:my_profile")).context["expert"] == expert
