"""A staff member's "Security" pages: their authenticator app, recovery codes and password."""

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, sign_in_with_password, totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in():
    """A coordinator signed in with password and app, who has just confirmed it is them."""
    user = UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    client = Client()
    sign_in_with_password(client, "cora@example.org")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return user, client


def test_getting_recovery_codes_shows_them_once_generated(signed_in):
    user, client = signed_in

    response = client.post(reverse("mfa_generate_recovery_codes"))
    assert response["Location"] == reverse("mfa_view_recovery_codes")

    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    assert len(codes) == 10
    assert all(f"<code>{code}</code>" in page for code in codes)
    assert "You have 10 of 10 codes left." in page

    index = client.get(reverse("mfa_index")).content.decode()
    assert "You have 10 of 10 recovery codes left." in index


def test_a_recovery_code_signs_in_instead_of_the_app_and_works_once(signed_in):
    user, client = signed_in
    client.post(reverse("mfa_generate_recovery_codes"))
    code = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()[0]

    first, second = Client(), Client()
    for attempt in (first, second):
        sign_in_with_password(attempt, "cora@example.org")
        attempt.post(reverse("mfa_authenticate"), {"code": code})

    assert first.session["_auth_user_id"] == str(user.pk)
    assert "_auth_user_id" not in second.session


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("mfa_index", "Security"),
        ("mfa_deactivate_totp", "Stop using your authenticator app"),
        ("mfa_generate_recovery_codes", "Get new recovery codes"),
        ("account_change_password", "Change your password"),
        ("mfa_reauthenticate", "Confirm it is you"),
        ("account_logout", "Sign out"),
    ],
)
def test_security_pages_open_with_a_plain_heading(signed_in, url_name, heading):
    _, client = signed_in

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_signing_out_is_a_post_and_ends_the_session(signed_in):
    _, client = signed_in

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_turning_off_ones_own_app_needs_a_sign_in_in_the_last_5_minutes(signed_in):
    user, client = signed_in
    later = timezone.now() + timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        response = client.post(
            reverse("mfa_deactivate_totp"), {"code": totp_code(user.totp_secret)}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
