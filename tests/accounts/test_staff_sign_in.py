"""Staff sign in with their email address and password, then a code from an authenticator app.
Every staff role must have the app; only a local demo may relax that, and then says so."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, sign_in_with_password, totp_code, wrong_totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("role", Role.staff_roles())
def test_staff_sign_in_needs_password_then_authenticator_code(role):
    user = UserFactory(role=role, email="sam.staff@example.org")
    client = Client()

    response = sign_in_with_password(client, "Sam.Staff@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None

    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    assert b"Enter the code from your authenticator app" in page.content

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_a_password_alone_opens_nothing_before_the_authenticator_code():
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    client = Client()
    sign_in_with_password(client, "cora@example.org")

    response = client.get(reverse("people:register"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_wrong_authenticator_code_is_refused_beside_the_field():
    user = UserFactory(role=Role.FINANCE, email="fin@example.org")
    client = Client()
    sign_in_with_password(client, "fin@example.org")

    response = client.post(reverse("mfa_authenticate"), {"code": wrong_totp_code(user.totp_secret)})

    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert response.context["form"].errors["code"] == [
        "The code is not right. Check your authenticator app and try again"
    ]
    assert b'id="id_code-error"' in response.content
    assert b"<title>Error: " in response.content


def test_guessing_authenticator_codes_stops_after_five_wrong_codes():
    user = UserFactory(role=Role.ADMINISTRATOR, email="ada@example.org")
    client = Client()
    sign_in_with_password(client, "ada@example.org")
    wrong = wrong_totp_code(user.totp_secret)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})

    assert signed_in_user_id(client) is None
    assert "You have tried too many times" in response.content.decode()


def test_an_authenticator_code_works_only_once():
    user = UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    code = totp_code(user.totp_secret)
    first = Client()
    sign_in_with_password(first, "cora@example.org")
    first.post(reverse("mfa_authenticate"), {"code": code})

    second = Client()
    sign_in_with_password(second, "cora@example.org")
    second.post(reverse("mfa_authenticate"), {"code": code})

    assert signed_in_user_id(first) == str(user.pk)
    assert signed_in_user_id(second) is None


def test_staff_without_an_authenticator_are_sent_to_set_one_up_and_can():
    user = UserFactory(role=Role.COORDINATOR, email="new@example.org", with_totp=False)
    client = Client()
    sign_in_with_password(client, "new@example.org")

    response = client.get(reverse("people:register"))
    assert response["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password once more before anyone changes how they sign in.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(
        reverse("account_reauthenticate"),
        {"password": PASSWORD, "next": reverse("mfa_activate_totp")},
    )

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert "QR code that adds your" in html  # the image's text alternative
    secret = page.context["form"].secret
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("people:register")).status_code == 200


def test_setting_up_an_authenticator_with_a_wrong_code_keeps_the_same_qr_code():
    user = UserFactory(role=Role.STAFF, with_totp=False)
    client = Client()
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].secret == secret
    assert b'id="id_code-error"' in response.content


def test_staff_who_stop_using_their_app_must_set_up_a_new_one_at_once():
    user = UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    client = Client()
    sign_in_with_password(client, "cora@example.org")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    assert client.get(reverse("people:register")).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"] == reverse("mfa_index")

    response = client.get(reverse("people:register"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_demo_relax_mfa_lets_staff_in_without_an_app_and_the_sign_in_page_says_so(settings):
    settings.DEMO_RELAX_MFA = True
    UserFactory(role=Role.COORDINATOR, email="demo@example.org", with_totp=False)
    client = Client()

    page = client.get(reverse("account_login"))
    assert "Demonstration only" in page.content.decode()
    assert "without an authenticator app" in page.content.decode()

    sign_in_with_password(client, "demo@example.org")
    assert client.get(reverse("people:register")).status_code == 200


def test_the_sign_in_page_does_not_mention_the_demo_setting_when_it_is_off(settings):
    settings.DEMO_RELAX_MFA = False

    page = Client().get(reverse("account_login"))

    assert "Demonstration only" not in page.content.decode()


def test_a_sign_in_code_by_email_does_not_skip_a_staff_members_authenticator_app():
    user = UserFactory(role=Role.ADMINISTRATOR, email="ada@example.org")
    client = Client()
    client.post(reverse("account_request_login_code"), {"email": "ada@example.org"})
    code = re.search(r"^(\d{6})$", mail.outbox[0].body, re.MULTILINE).group(1)

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    assert signed_in_user_id(client) == str(user.pk)
