"""Signing in through NHS CIS2 (staff) and NHS login (experts), against a fake provider on
127.0.0.1 (tests/accounts/oidc_provider.py): the whole flow with Django's test client, each way
the ID token can be wrong, and who may reach which account."""

import runpy
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from coproduce import settings as settings_module
from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from tests.accounts.oidc_provider import FAULTS, FakeOIDCProvider
from tests.factories import UserFactory, expert_with_account

pytestmark = pytest.mark.django_db

CIS2, NHS_LOGIN = "cis2", "nhs-login"
STAFF_EMAIL, EXPERT_EMAIL = "sam.staff@example.org", "erin.expert@example.net"
FAILED = "We could not finish signing you in"
SMARTCARD = "AAL3_ANY"  # CIS2's assurance level for a smartcard or authenticator


@pytest.fixture(scope="module")
def fake():
    provider = FakeOIDCProvider().start()
    yield provider
    provider.stop()


def _app(provider_id: str, name: str, fake: FakeOIDCProvider, **extra) -> dict:
    return {
        "provider_id": provider_id,
        "name": name,
        "client_id": fake.client_id,
        "secret": "test-secret",
        "settings": {
            "server_url": fake.issuer,
            "scope": ["openid", "profile", "email"],
            "auth_params": {},
            "oauth_pkce_enabled": True,
            "fetch_userinfo": True,
            **extra,
        },
    }


@pytest.fixture
def switched_on(settings, fake):
    fake.reset()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [_app(CIS2, "NHS Care Identity", fake), _app(NHS_LOGIN, "NHS login", fake)],
        }
    }
    return fake


@pytest.fixture
def staff():
    return UserFactory(role=Role.COORDINATOR, email=STAFF_EMAIL)


@pytest.fixture
def expert_user():
    return expert_with_account(email=EXPERT_EMAIL).user


def sign_in_through(client: Client, provider_id: str, fake: FakeOIDCProvider, **post):
    """Start at our button, go to the provider and come back with its code."""
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": provider_id}), post)
    assert start.status_code == 302
    assert start["Location"].startswith(f"{fake.issuer}/authorize?")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(back.headers["Location"])
    assert callback.path == reverse("openid_connect_callback", kwargs={"provider_id": provider_id})
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_id(client: Client):
    return client.session.get("_auth_user_id")


def assert_refused(response, client: Client, *phrases: str) -> None:
    assert response.status_code == 403
    page = " ".join(response.content.decode().split())
    for phrase in phrases:
        assert phrase in page
    assert signed_in_id(client) is None


# Experts through NHS login.


def test_an_expert_signs_in_with_nhs_login(switched_on, expert_user):
    switched_on.reset(email=EXPERT_EMAIL.upper(), identity_proofing_level="P9")
    client = Client()

    response = sign_in_through(client, NHS_LOGIN, switched_on)

    assert response.status_code == 302
    assert signed_in_id(client) == str(expert_user.pk)
    asked = switched_on.authorize_requests[-1]
    assert asked["nonce"] and asked["code_challenge_method"] == "S256"
    assert set(asked["scope"].split()) == {"openid", "profile", "email"}
    linked = SocialAccount.objects.get(provider=NHS_LOGIN)
    assert linked.user == expert_user and linked.uid == "person-1"
    kept = str(linked.extra_data)
    for private in ("nhs_number", "9999999999", "birthdate", "phone_number", "+4477"):
        assert private not in kept
    assert linked.extra_data["id_token"]["identity_proofing_level"] == "P9"
    event = AuditEvent.objects.get(model="socialaccount.socialaccount")
    assert event.actor_id == expert_user.pk and event.subject_id == str(expert_user.pk)
    assert event.summary == "Linked to NHS login on first sign-in"


def test_a_second_sign_in_uses_the_same_link(switched_on, expert_user):
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9")
    sign_in_through(Client(), NHS_LOGIN, switched_on)
    client = Client()
    sign_in_through(client, NHS_LOGIN, switched_on)
    assert signed_in_id(client) == str(expert_user.pk)
    assert SocialAccount.objects.filter(provider=NHS_LOGIN).count() == 1


@pytest.mark.parametrize("level", ["P5", "P0", None])
def test_nhs_login_below_the_level_set_is_refused_saying_why(switched_on, expert_user, level):
    claims = {"identity_proofing_level": level} if level else {}
    switched_on.reset(email=EXPERT_EMAIL, **claims)
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(
        response,
        client,
        "Your NHS login is not yet verified to the level we need (P9).",
        "You can prove who you are in the NHS App",
        "sign in with a code sent to your email",
    )
    assert not SocialAccount.objects.exists()


def test_the_level_needed_is_the_organisations_to_set(settings, switched_on, expert_user):
    settings.NHS_LOGIN_MIN_IDENTITY_LEVEL = "P5"
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P5")
    client = Client()
    sign_in_through(client, NHS_LOGIN, switched_on)
    assert signed_in_id(client) == str(expert_user.pk)


def test_an_email_nhs_login_has_not_checked_is_refused(switched_on, expert_user):
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9", email_verified=False)
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(response, client, "We could not find a")


def test_an_unknown_email_is_refused_saying_who_to_ask(switched_on, expert_user):
    switched_on.reset(email="nobody@example.net", identity_proofing_level="P9")
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(
        response,
        client,
        "account for the email your NHS login gave us.",
        "Ask the involvement team",
    )
    assert not SocialAccount.objects.exists()


def test_nhs_login_never_reaches_a_staff_account(switched_on, staff):
    switched_on.reset(email=STAFF_EMAIL, identity_proofing_level="P9")
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(response, client, "NHS login is for Experts by Experience.")


def test_a_switched_off_account_is_refused(switched_on, expert_user):
    expert_user.is_active = False
    expert_user.save()
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9")
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(response, client, "This account has been switched off.")


def test_a_link_to_someone_whose_email_has_changed_is_refused(switched_on, expert_user):
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9")
    sign_in_through(Client(), NHS_LOGIN, switched_on)
    expert_user.email = "new.address@example.net"
    expert_user.save()
    UserFactory(role=Role.EXPERT, email=EXPERT_EMAIL)  # someone else has the old address now
    client = Client()
    response = sign_in_through(client, NHS_LOGIN, switched_on)
    assert_refused(response, client, "We could not find a")


def test_nobody_links_nhs_login_to_the_account_they_are_signed_in_to(switched_on, expert_user):
    other = UserFactory(role=Role.EXPERT, email="other@example.net")
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9")
    client = Client()
    client.force_login(other)
    response = sign_in_through(client, NHS_LOGIN, switched_on, process="connect")
    assert response.status_code == 403
    assert "You cannot link NHS login to an account from here." in response.content.decode()
    assert not SocialAccount.objects.exists()


# What the ID token must be.


@pytest.mark.parametrize("fault", FAULTS)
def test_a_wrong_id_token_is_refused(switched_on, expert_user, staff, fault):
    """Signed with another key, for another client, from another issuer, expired, or not
    carrying the nonce this sign-in sent."""
    for provider_id, email in ((NHS_LOGIN, EXPERT_EMAIL), (CIS2, STAFF_EMAIL)):
        switched_on.reset(email=email, identity_proofing_level="P9", acr=SMARTCARD)
        switched_on.faults = {fault}
        client = Client()
        response = sign_in_through(client, provider_id, switched_on)
        assert_refused(response, client, FAILED)
    assert not SocialAccount.objects.exists()


def test_the_same_good_provider_answer_signs_in(switched_on, expert_user):
    """The control for the test above: nothing but the fault makes it fail."""
    switched_on.reset(email=EXPERT_EMAIL, identity_proofing_level="P9")
    client = Client()
    sign_in_through(client, NHS_LOGIN, switched_on)
    assert signed_in_id(client) == str(expert_user.pk)


def test_a_callback_with_a_made_up_state_is_refused(switched_on, expert_user):
    client = Client()
    url = reverse("openid_connect_callback", kwargs={"provider_id": NHS_LOGIN})
    response = client.get(url, {"code": "x", "state": "made-up"})
    assert_refused(response, client, FAILED)


# Staff through CIS2.


def test_cis2_counts_as_the_second_factor(switched_on, staff):
    switched_on.reset(email=STAFF_EMAIL, acr=SMARTCARD)
    client = Client()

    response = sign_in_through(client, CIS2, switched_on)

    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_authenticate")
    assert signed_in_id(client) == str(staff.pk)
    assert client.get(reverse("people:register")).status_code == 200


def test_cis2_staff_without_an_authenticator_app_are_not_asked_to_set_one_up(switched_on):
    user = UserFactory(role=Role.COORDINATOR, email=STAFF_EMAIL, with_totp=False)
    switched_on.reset(email=STAFF_EMAIL, acr=SMARTCARD)
    client = Client()
    sign_in_through(client, CIS2, switched_on)
    assert signed_in_id(client) == str(user.pk)
    assert client.get(reverse("people:register")).status_code == 200


@pytest.mark.parametrize("acr", ["AAL1_USERPASS", None])
def test_a_cis2_sign_in_without_a_second_factor_is_refused(switched_on, staff, acr):
    switched_on.reset(email=STAFF_EMAIL, **({"acr": acr} if acr else {}))
    client = Client()
    response = sign_in_through(client, CIS2, switched_on)
    assert_refused(response, client, "did not use a smartcard or an authenticator")


def test_cis2_never_reaches_an_experts_account(switched_on, expert_user):
    switched_on.reset(email=EXPERT_EMAIL, acr=SMARTCARD)
    client = Client()
    response = sign_in_through(client, CIS2, switched_on)
    assert_refused(response, client, "NHS Care Identity is for staff.")


def test_cis2_with_an_unknown_email_is_refused(switched_on, staff):
    switched_on.reset(email="someone.else@example.org", acr=SMARTCARD)
    client = Client()
    response = sign_in_through(client, CIS2, switched_on)
    assert_refused(response, client, "account for the email your NHS Care Identity gave us.")


def test_the_client_proves_itself_with_a_signed_jwt_when_given_a_key(settings, switched_on, staff):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    apps = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    apps[0] = _app(CIS2, "NHS Care Identity", switched_on, private_key=pem)
    switched_on.reset(email=STAFF_EMAIL, acr=SMARTCARD)
    client = Client()
    sign_in_through(client, CIS2, switched_on)

    assert signed_in_id(client) == str(staff.pk)
    sent = switched_on.token_requests[-1]
    assert "client_secret" not in sent
    assert sent["client_assertion_type"].endswith("jwt-bearer")
    claims = jwt.decode(
        sent["client_assertion"],
        key.public_key(),
        algorithms=["RS512"],
        audience=f"{switched_on.issuer}/token",
    )
    assert claims["iss"] == claims["sub"] == switched_on.client_id


# The buttons, and nothing at all when switched off.


def test_buttons_show_when_switched_on(switched_on):
    client = Client()
    login = client.get(reverse("account_login")).content.decode()
    assert "Sign in with NHS Care Identity (smartcard)" in login
    assert "Continue with NHS login" in login
    code = client.get(reverse("account_request_login_code")).content.decode()
    assert "Continue with NHS login" in code
    assert 'class="nhsuk-button nhsuk-button--login"' in code
    assert "NHS Care Identity" not in code


def test_going_to_the_start_address_asks_before_leaving(switched_on):
    page = Client().get(reverse("openid_connect_login", kwargs={"provider_id": NHS_LOGIN}))
    assert page.status_code == 200
    assert "Continue to NHS login" in page.content.decode()


@pytest.mark.parametrize("provider_id", [CIS2, NHS_LOGIN])
def test_switched_off_there_is_no_button_and_no_address(provider_id):
    client = Client()
    for name in ("openid_connect_login", "openid_connect_callback"):
        url = reverse(name, kwargs={"provider_id": provider_id})
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    login = client.get(reverse("account_login")).content.decode()
    assert "NHS Care Identity" not in login and "NHS login" not in login
    assert "NHS login" not in client.get(reverse("account_request_login_code")).content.decode()


def test_settings_switch_each_on_only_when_its_variables_are_set(monkeypatch):
    for name in (
        "CIS2_CLIENT_ID",
        "CIS2_SERVER_URL",
        "NHS_LOGIN_CLIENT_ID",
        "NHS_LOGIN_SERVER_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NHS_LOGIN_CLIENT_ID", "our-id")
    monkeypatch.setenv("NHS_LOGIN_SERVER_URL", "https://auth.login.nhs.uk")
    monkeypatch.setenv("NHS_LOGIN_MIN_IDENTITY_LEVEL", "P5")
    values = runpy.run_path(settings_module.__file__)
    apps = values["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert [app["provider_id"] for app in apps] == [NHS_LOGIN]
    assert apps[0]["settings"]["server_url"] == "https://auth.login.nhs.uk"
    assert apps[0]["settings"]["scope"] == ["openid", "profile", "email", "phone"]
    assert parse_qs(f"vtr={apps[0]['settings']['auth_params']['vtr']}")["vtr"][0].startswith(
        '["P5.'
    )
    # Browsers check where a form's answer sends them against the form-action policy.
    form_action = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    assert "https://auth.login.nhs.uk" in form_action
    assert values["SOCIALACCOUNT_AUTO_SIGNUP"] is False
    assert values["SOCIALACCOUNT_STORE_TOKENS"] is False


def test_an_identity_level_that_does_not_exist_stops_start_up(monkeypatch):
    monkeypatch.setenv("NHS_LOGIN_MIN_IDENTITY_LEVEL", "P7")
    with pytest.raises(Exception, match="P0, P5 or P9"):
        runpy.run_path(settings_module.__file__)
