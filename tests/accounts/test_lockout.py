"""Five failed sign-ins lock that account from that address for 15 minutes (django-axes)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, sign_in_with_password
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WRONG = "not the right password at all"


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def cora(db):
    return UserFactory(role=Role.COORDINATOR, email="cora@example.org")


def fail_five_times(client: Client, email: str = "cora@example.org"):
    return [sign_in_with_password(client, email, WRONG) for _ in range(5)]


def test_five_failed_sign_ins_lock_the_account_from_that_address_for_15_minutes(clock, cora):
    client = Client()
    responses = fail_five_times(client)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Too many attempts to sign in" in responses[-1].content.decode()

    # The right password is refused during the lock-out, and is not a way to learn it.
    sixth = sign_in_with_password(client, "cora@example.org", PASSWORD)
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session
    no_code_step = client.get(reverse("mfa_authenticate"))
    assert no_code_step["Location"].startswith(reverse("account_login"))

    clock.shift(timedelta(minutes=14))
    assert sign_in_with_password(client, "cora@example.org", PASSWORD).status_code == 429

    # Each try during the lock starts the 15 minutes again, as the page says.
    clock.shift(timedelta(minutes=15, seconds=1))
    response = sign_in_with_password(client, "cora@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def test_the_lock_is_not_dodged_by_typing_the_email_in_capitals(clock, cora):
    client = Client()
    for email in ["cora@example.org", "CORA@example.org", "Cora@Example.org", "cOrA@example.org"]:
        sign_in_with_password(client, email, WRONG)

    assert sign_in_with_password(client, "CORA@EXAMPLE.ORG", WRONG).status_code == 429
    assert sign_in_with_password(client, "cora@example.org", PASSWORD).status_code == 429


def test_the_lock_is_not_dodged_by_a_forwarded_for_header(clock, cora):
    for n in range(5):
        Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            reverse("account_login"), {"login": "cora@example.org", "password": WRONG}
        )

    response = Client(HTTP_X_FORWARDED_FOR="203.0.113.99").post(
        reverse("account_login"), {"login": "cora@example.org", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_the_lock_holds_only_that_account_from_that_address(clock, cora):
    UserFactory(role=Role.FINANCE, email="fin@example.org")
    fail_five_times(Client(REMOTE_ADDR="198.51.100.7"))

    # The same person at their own desk, and a colleague at the locked-out address, carry on.
    elsewhere = sign_in_with_password(Client(REMOTE_ADDR="192.0.2.10"), "cora@example.org")
    colleague = sign_in_with_password(Client(REMOTE_ADDR="198.51.100.7"), "fin@example.org")

    assert elsewhere["Location"] == reverse("mfa_authenticate")
    assert colleague["Location"] == reverse("mfa_authenticate")


def test_failures_for_an_unknown_email_lock_only_that_email(clock, cora):
    client = Client()
    fail_five_times(client, "nobody@example.org")

    response = sign_in_with_password(client, "cora@example.org", PASSWORD)

    assert response["Location"] == reverse("mfa_authenticate")
