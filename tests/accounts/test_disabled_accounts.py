"""An account an administrator disables is signed out everywhere at once: each of its sessions
is anonymous from its next page, on this device or any other."""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.accounts.services import change_staff_account
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_disabling_an_account_ends_every_session_it_has(administrator):
    cora = UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    phone, laptop = Client(), Client()
    phone.force_login(cora)
    laptop.force_login(cora)
    assert phone.get(reverse("people:register")).status_code == 200

    change_staff_account(
        actor=administrator,
        user=cora,
        full_name=cora.full_name,
        email=cora.email,
        role=cora.role,
        team=cora.team,
        is_active=False,
    )

    for device in (phone, laptop):
        response = device.get(reverse("people:register"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
