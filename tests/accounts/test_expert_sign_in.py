"""Experts by Experience sign in with a code sent to their email: no password to remember."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, sign_in_with_password
from tests.factories import expert_with_account

pytestmark = pytest.mark.django_db


def ask_for_code(client: Client, email: str):
    return client.post(reverse("account_request_login_code"), {"email": email})


def code_in(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.MULTILINE).group(1)


def test_the_sign_in_page_shows_both_ways_in_plain_english():
    html = Client().get(reverse("account_login")).content.decode()

    assert "Experts by Experience: get a sign-in code by email" in html
    assert f'href="{reverse("account_request_login_code")}"' in html
    assert "Staff: sign in with your email address and password" in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html


def test_expert_signs_in_with_a_code_from_their_email():
    expert = expert_with_account(email="eve@example.net")
    client = Client()

    response = ask_for_code(client, "Eve@Example.net")
    assert response["Location"] == reverse("account_confirm_login_code")
    page = client.get(response["Location"])
    assert "We have sent an email to" in page.content.decode()
    assert b'inputmode="numeric"' in page.content
    assert b'autocomplete="one-time-code"' in page.content

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eve@example.net"]
    assert message.subject == "[Coproduce Partnership] Your sign-in code"
    assert "Coproduce Partnership" in message.body

    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(message)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(expert.user.pk)
    assert client.get(reverse("people:my_profile")).status_code == 200


def test_an_unknown_email_asking_for_a_code_gets_the_same_answer():
    expert_with_account(email="eve@example.net")
    known, unknown = Client(), Client()

    known_response = ask_for_code(known, "eve@example.net")
    unknown_response = ask_for_code(unknown, "nobody@example.net")

    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    known_page = known.get(known_response["Location"]).content.decode()
    unknown_page = unknown.get(unknown_response["Location"]).content.decode()
    assert _page_without(known_page, "eve@example.net") == _page_without(
        unknown_page, "nobody@example.net"
    )
    # Each address gets one email: a code, or a note that there is no account.
    assert sorted(m.to[0] for m in mail.outbox) == ["eve@example.net", "nobody@example.net"]


def _page_without(html: str, email: str) -> str:
    """The page as anyone would see it, whatever the address, the form tokens and the
    Content-Security-Policy nonce (new on every page)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return html.replace(email, "the address")


def test_a_wrong_code_three_times_ends_the_attempt_even_for_the_right_code():
    expert = expert_with_account(email="eve@example.net")
    client = Client()
    ask_for_code(client, "eve@example.net")
    right = code_in(mail.outbox[0])
    wrong = "000000" if right != "000000" else "111111"

    first = client.post(reverse("account_confirm_login_code"), {"code": wrong})
    assert first.status_code == 200
    assert "The code is not right" in first.content.decode()
    client.post(reverse("account_confirm_login_code"), {"code": wrong})
    third = client.post(reverse("account_confirm_login_code"), {"code": wrong})
    assert third["Location"] == reverse("account_request_login_code")

    client.post(reverse("account_confirm_login_code"), {"code": right})
    assert client.session.get("_auth_user_id") != str(expert.user.pk)


def test_an_expert_cannot_sign_in_with_a_password():
    expert = expert_with_account(email="eve@example.net")
    expert.user.set_password(PASSWORD)
    expert.user.save()
    client = Client()

    response = sign_in_with_password(client, "eve@example.net")

    assert response.status_code == 200
    assert "sign in with a code sent to their email" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "url_name", ["account_change_password", "account_set_password", "mfa_activate_totp"]
)
def test_experts_have_no_password_or_authenticator_pages(expert_client, url_name):
    assert expert_client.get(reverse(url_name)).status_code == 403


def test_an_empty_code_box_says_what_to_enter():
    expert_with_account(email="eve@example.net")
    client = Client()
    ask_for_code(client, "eve@example.net")

    response = client.post(reverse("account_confirm_login_code"), {"code": ""})

    assert response.context["form"].errors["code"] == [
        "Enter the sign-in code from the email we sent you"
    ]
