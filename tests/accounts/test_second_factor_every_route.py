"""No way in skips the second factor or the lock-out. There is one sign-in for staff (ours:
password, then the authenticator app's code, with django-axes counting failures); Django's
admin has no form of its own and sends people to it; and a session that did not pass the
second factor (a password alone, by whatever route) is signed out at its first page. The admin
never shows authenticator secrets or lock-out records, and its changes are audited."""

import time

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from coproduce.accounts.middleware import PASSED_KEY
from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from tests.accounts.helpers import PASSWORD, sign_in_with_password, totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def superuser(**fields):
    return UserFactory(
        role=Role.ADMINISTRATOR,
        email="root@example.org",
        is_staff=True,
        is_superuser=True,
        **fields,
    )


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def test_the_admin_has_no_sign_in_form_of_its_own():
    superuser()
    client = Client()
    page = client.get(reverse("admin:login"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_login"))
    # Posting a right password to it signs nobody in.
    client.post(reverse("admin:login"), {"username": "root@example.org", "password": PASSWORD})
    assert signed_in_user_id(client) is None
    to_admin_login = client.get(reverse("admin:index"))["Location"]
    assert client.get(to_admin_login)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("path", ["/register/", "/django-admin/", "/admin-accounts/staff/"])
def test_a_session_signed_in_with_a_password_alone_is_signed_out(path):
    """As Django's own login (the admin's form once) leaves it: authenticated, no second
    factor in this session. The first page signs it out and asks for a sign-in."""
    user = superuser()
    client = Client()
    client.force_login(user)
    session = client.session
    del session[PASSED_KEY]  # force_login stands for a whole sign-in: undo the second factor
    session.save()
    assert signed_in_user_id(client) == str(user.pk)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert signed_in_user_id(client) is None


def _signed_in_by(client: Client, user, record: dict) -> None:
    """A session whose only record of how it signed in is `record` (as allauth keeps it)."""
    client.force_login(user)
    session = client.session
    session.pop(PASSED_KEY, None)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"at": time.time(), **record}]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


# Every way in, and whether it is a second factor by itself: only a CIS2 sign-in (smartcard
# or CIS2 authenticator) is; NHS login is for experts and reaches no staff account
# (tests/accounts/test_oidc.py), so its record counts for nothing here either.
SIGN_IN_ROUTES = [
    ({"method": "password", "email": "root@example.org"}, False),
    ({"method": "code", "email": "root@example.org"}, False),
    ({"method": "socialaccount", "provider": "nhs-login", "uid": "1"}, False),
    ({"method": "socialaccount", "provider": "openid_connect", "uid": "1"}, False),
    ({"method": "socialaccount", "provider": "cis2", "uid": "1"}, True),
    ({"method": "mfa", "type": "totp", "id": 1}, True),
]


@pytest.mark.parametrize(("record", "is_second_factor"), SIGN_IN_ROUTES)
def test_only_a_second_factor_or_cis2_opens_staff_pages(record, is_second_factor):
    user = superuser()
    client = Client()
    _signed_in_by(client, user, record)

    response = client.get(reverse("people:register"))

    if is_second_factor:
        assert response.status_code == 200
        assert client.session[PASSED_KEY] == user.pk
    else:
        assert response["Location"].startswith(reverse("account_login"))
        assert signed_in_user_id(client) is None


def test_a_cis2_sign_in_needs_no_authenticator_app_set_up():
    user = UserFactory(role=Role.COORDINATOR, with_totp=False)
    client = Client()
    _signed_in_by(client, user, {"method": "socialaccount", "provider": "cis2", "uid": "1"})
    assert client.get(reverse("people:register")).status_code == 200


def test_our_sign_in_with_the_code_opens_the_admin_and_the_register():
    user = superuser()
    client = Client()
    sign_in_with_password(client, user.email)
    assert client.get(reverse("people:register")).status_code == 302  # not yet
    client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("people:register")).status_code == 200
    assert client.session[PASSED_KEY] == user.pk


def test_setting_up_the_app_in_this_session_counts_as_passing_it():
    user = UserFactory(role=Role.COORDINATOR, email="new@example.org", with_totp=False)
    client = Client()
    sign_in_with_password(client, user.email)
    assert client.get(reverse("people:register"))["Location"] == reverse("mfa_activate_totp")
    # allauth asks the password again before the app is added, then a code from the app.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert client.get(reverse("people:register")).status_code == 200


def test_the_admin_shows_no_authenticator_secrets_or_lock_out_records():
    user = superuser()
    client = Client()
    client.force_login(user)  # a whole sign-in (tests/conftest.py)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Authenticator" not in index
    assert "Access attempt" not in index and "access attempt" not in index.lower()
    assert client.get("/django-admin/mfa/authenticator/").status_code == 404
    assert client.get("/django-admin/axes/accessattempt/").status_code == 404
    # NHS sign-in is set up in settings.py, and its tokens are never kept.
    assert client.get("/django-admin/socialaccount/socialtoken/").status_code == 404
    assert client.get("/django-admin/socialaccount/socialapp/").status_code == 404


def test_a_change_through_the_admin_is_audited():
    user = superuser()
    other = UserFactory(role=Role.STAFF, full_name="Sam Staff")
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[other],
        action_flag=CHANGE,
        change_message="Changed full name.",
        single_object=True,
    )
    event = AuditEvent.objects.get(model="accounts.user", object_id=str(other.pk))
    assert event.actor_id == user.pk
    assert event.action == AuditEvent.Action.UPDATED
    assert event.summary == "Through the Django admin: Changed full name."
    assert ContentType.objects.get_for_model(other).model == "user"
