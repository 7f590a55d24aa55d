"""Changing anyone's sign-in email hands their account to whoever reads the new inbox, so the
member of staff who does it must have confirmed it is them in the last 5 minutes (allauth's
reauthentication, ACCOUNT_REAUTHENTICATION_TIMEOUT)."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD
from tests.factories import UserFactory, expert_with_account
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db

RECORDS = "account_authentication_methods"


def staff_data(person: User, **overrides) -> dict:
    data = {
        "full_name": person.full_name,
        "email": person.email,
        "role": person.role,
        "team": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def confirm_it_is_them(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def age_sign_ins(client, seconds: int) -> None:
    """Makes every sign-in this session has recorded `seconds` older."""
    session = client.session
    session[RECORDS] = [{**r, "at": r["at"] - seconds} for r in session[RECORDS]]
    session.save()


@pytest.fixture
def cora(db):
    return UserFactory(role=Role.COORDINATOR, full_name="Cora", email="cora@example.org")


def test_without_a_recent_sign_in_the_email_is_not_changed(administrator_client, cora):
    url = reverse("accounts:staff_edit", args=[cora.pk])
    assert administrator_client.get(url).status_code == 200

    response = administrator_client.post(url, staff_data(cora, email="mallory@example.org"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    cora.refresh_from_db()
    assert cora.email == "cora@example.org"


def test_a_sign_in_older_than_5_minutes_is_sent_to_reauthenticate(administrator_client, cora):
    confirm_it_is_them(administrator_client)
    age_sign_ins(administrator_client, 5 * 60 + 1)
    url = reverse("accounts:staff_edit", args=[cora.pk])

    response = administrator_client.post(url, staff_data(cora, email="mallory@example.org"))

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    cora.refresh_from_db()
    assert cora.email == "cora@example.org"


def test_within_5_minutes_the_email_changes(administrator_client, cora):
    confirm_it_is_them(administrator_client)
    age_sign_ins(administrator_client, 4 * 60)
    url = reverse("accounts:staff_edit", args=[cora.pk])

    response = administrator_client.post(url, staff_data(cora, email="cora.new@example.org"))

    assert response["Location"] == reverse("accounts:staff_list")
    cora.refresh_from_db()
    assert cora.email == "cora.new@example.org"


def test_after_confirming_it_is_them_the_change_they_asked_for_is_made(administrator_client, cora):
    url = reverse("accounts:staff_edit", args=[cora.pk])
    sent_away = administrator_client.post(url, staff_data(cora, email="cora.new@example.org"))

    response = administrator_client.post(
        sent_away["Location"], {"password": PASSWORD}, follow=False
    )

    assert response.status_code == 302
    cora.refresh_from_db()
    assert cora.email == "cora.new@example.org"


def test_other_changes_need_no_new_sign_in(administrator_client, cora):
    url = reverse("accounts:staff_edit", args=[cora.pk])

    response = administrator_client.post(url, staff_data(cora, full_name="Cora Jones"))

    assert response["Location"] == reverse("accounts:staff_list")
    cora.refresh_from_db()
    assert cora.full_name == "Cora Jones"


def test_changing_an_experts_sign_in_email_needs_a_recent_sign_in(coordinator_client):
    expert = expert_with_account(email="dev@example.net")
    url = reverse("people:expert_edit", args=[expert.pk])
    data = expert_form_data(email="dev.new@example.net")

    response = coordinator_client.post(url, data)

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    expert.refresh_from_db()
    assert (expert.email, expert.user.email) == ("dev@example.net", "dev@example.net")

    confirm_it_is_them(coordinator_client)
    assert coordinator_client.post(url, data).status_code == 302
    expert.refresh_from_db()
    assert (expert.email, expert.user.email) == ("dev.new@example.net", "dev.new@example.net")


def test_keeping_an_experts_email_needs_no_new_sign_in(coordinator_client):
    expert = expert_with_account(email="dev@example.net", full_name="Dev Patel")
    url = reverse("people:expert_edit", args=[expert.pk])

    response = coordinator_client.post(url, expert_form_data(email="DEV@example.net"))

    assert response["Location"] == reverse("people:expert_detail", args=[expert.pk])


def test_the_timeout_is_5_minutes():
    from allauth.account import app_settings

    assert app_settings.REAUTHENTICATION_TIMEOUT == 5 * 60


def test_confirming_with_a_password_stored_under_an_older_hasher_keeps_the_session(
    administrator_client, administrator, cora, settings
):
    # Checking the password re-hashes it with the first hasher (as after a Django upgrade that
    # adds iterations); the session must follow the new hash, or the very next page signs the
    # administrator out after they confirmed it was them (seen on the production server, whose
    # hasher differs from the one the test data was made with).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    url = reverse("accounts:staff_edit", args=[cora.pk])
    administrator_client.post(url, staff_data(cora, email="cora.jones@example.org"))
    before = User.objects.get(pk=administrator.pk).password

    response = administrator_client.post(
        reverse("account_reauthenticate") + f"?next={url}", {"password": PASSWORD}
    )

    assert response.status_code == 302
    assert User.objects.get(pk=administrator.pk).password != before  # it was re-hashed
    page = administrator_client.get(reverse("accounts:staff_list"))
    assert page.status_code == 200
    assert page.wsgi_request.user == administrator
    cora.refresh_from_db()
    assert cora.email == "cora.jones@example.org"
