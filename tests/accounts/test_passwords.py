"""Passwords: at least 12 characters and not a common one; long passphrases and pasting
welcome. A reset answers the same whether or not the email is known, and never stands in
for the authenticator app."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, link_in, sign_in_with_password, totp_code
from tests.factories import UserFactory, expert_with_account

pytestmark = pytest.mark.django_db

PASSPHRASE = "violet kettle mountain drizzle"  # 30 characters


def ask_for_reset(client: Client, email: str):
    return client.post(reverse("account_reset_password"), {"email": email})


def choose_password_from_link(client: Client, message, password: str):
    """Follows the emailed link (allauth swaps the key into the session) and saves a password."""
    form_url = client.get(link_in(message))["Location"]
    return client.post(form_url, {"password1": password, "password2": password})


def test_a_reset_answers_the_same_for_known_and_unknown_emails():
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")

    known = ask_for_reset(Client(), "cora@example.org")
    assert len(mail.outbox) == 1
    unknown = ask_for_reset(Client(), "nobody@example.org")
    assert len(mail.outbox) == 2

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body
    assert "We do not have an account with this email address" in mail.outbox[1].body


def test_the_reset_email_names_the_organisation_and_reads_plainly():
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")

    ask_for_reset(Client(), "cora@example.org")

    message = mail.outbox[0]
    assert message.subject == "[Coproduce Partnership] Reset your password"
    assert "your Coproduce Partnership account" in message.body
    assert "authenticator app" in message.body


def test_after_a_reset_signing_in_still_asks_for_the_authenticator_code():
    user = UserFactory(role=Role.ADMINISTRATOR, email="ada@example.org")
    client = Client()
    ask_for_reset(client, "ada@example.org")

    response = choose_password_from_link(client, mail.outbox[0], PASSPHRASE)
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert "_auth_user_id" not in client.session

    response = sign_in_with_password(client, "ada@example.org", PASSPHRASE)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_reset_link_works_once():
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    ask_for_reset(Client(), "cora@example.org")
    choose_password_from_link(Client(), mail.outbox[0], PASSPHRASE)

    client = Client()
    page = client.get(link_in(mail.outbox[0]))

    assert page.status_code == 200
    assert "This link does not work" in page.content.decode()


def test_experts_asking_for_a_reset_are_told_they_need_no_password():
    expert_with_account(email="eve@example.net")

    response = ask_for_reset(Client(), "eve@example.net")

    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body
    assert "Experts by Experience do not need a password" in mail.outbox[0].body
    assert reverse("account_request_login_code") in mail.outbox[0].body


@pytest.fixture
def signed_in_staff():
    user = UserFactory(role=Role.STAFF, email="sam@example.org")
    client = Client()
    client.force_login(user)
    return client


def change_password(client: Client, new: str):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kettle drizz", None),  # 12 characters: just long enough
        ("kettle driz", "This password is too short. It must contain at least 12 characters."),
        ("qwertyqwerty", "This password is too common."),
    ],
)
def test_new_passwords_need_12_characters_and_must_not_be_common(
    signed_in_staff, password, message
):
    response = change_password(signed_in_staff, password)

    if message is None:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert message in response.context["form"].errors["password1"]
        assert b'id="id_password1-error"' in response.content


def test_a_30_character_passphrase_is_accepted(signed_in_staff):
    response = change_password(signed_in_staff, PASSPHRASE)

    assert response.status_code == 302
    signing_in = sign_in_with_password(Client(), "sam@example.org", PASSPHRASE)
    assert signing_in["Location"] == reverse("mfa_authenticate")


def test_password_boxes_allow_long_passphrases_and_pasting(signed_in_staff):
    html = signed_in_staff.get(reverse("account_change_password")).content.decode()
    inputs = re.findall(r"<input[^>]*type=\"password\"[^>]*>", html)

    assert len(inputs) == 3
    for tag in inputs:
        assert "maxlength" not in tag
        assert "onpaste" not in tag
        assert 'autocomplete="' in tag
    assert html.count('autocomplete="new-password"') == 2
