"""Signing in through NHS login and NHS CIS2 in a real browser, against the fake provider of
tests/accounts/oidc_provider.py: the buttons, the pages on the way and the refusal page pass
axe, at 320px too."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.accounts.oidc_provider import FakeOIDCProvider
from tests.browser.checks import check_page, visit
from tests.browser.server import production_mode
from tests.factories import UserFactory, expert_with_account

pytestmark = [
    pytest.mark.browser,
    pytest.mark.in_process,
    # The settings below reach the server only when it runs in this process.
    pytest.mark.skipif(production_mode(), reason="needs the in-process live server"),
]


@pytest.fixture(scope="module")
def fake():
    provider = FakeOIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def nhs_page(page, settings, fake):
    fake.reset()
    apps = [
        {
            "provider_id": provider_id,
            "name": name,
            "client_id": fake.client_id,
            "secret": "test-secret",
            "settings": {"server_url": fake.issuer, "oauth_pkce_enabled": True},
        }
        for provider_id, name in (("cis2", "NHS Care Identity"), ("nhs-login", "NHS login"))
    ]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {**settings.SOCIALACCOUNT_PROVIDERS["openid_connect"], "APPS": apps}
    }
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "form-action": ["'self'", fake.issuer]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    # The page may reach our server and, here, the fake NHS service.
    page.context.route(f"{fake.issuer}/**", lambda route: route.continue_())
    return page


def test_an_expert_continues_with_nhs_login(nhs_page, fake):
    expert = expert_with_account(email="erin@example.net")
    fake.reset(email=expert.email, identity_proofing_level="P9")

    visit(nhs_page, reverse("account_request_login_code"))
    check_page(nhs_page, small_screen=True)
    nhs_page.get_by_role("button", name="Continue with NHS login").click()

    expect(nhs_page).to_have_url(re.compile(r"/me/involvement/$"))


def test_an_expert_below_the_level_is_told_why(nhs_page, fake):
    expert = expert_with_account(email="erin@example.net")
    fake.reset(email=expert.email, identity_proofing_level="P5")

    visit(nhs_page, reverse("account_request_login_code"))
    nhs_page.get_by_role("button", name="Continue with NHS login").click()

    expect(nhs_page.get_by_role("heading", level=1)).to_have_text(
        "You could not sign in with NHS login"
    )
    expect(nhs_page.get_by_text("not yet verified to the level we need (P9)")).to_be_visible()
    check_page(nhs_page, small_screen=True)


def test_staff_sign_in_with_their_smartcard_without_the_app_code(nhs_page, fake):
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")
    fake.reset(email="cora@example.org", acr="AAL3_ANY")

    visit(nhs_page, reverse("account_login"))
    check_page(nhs_page, small_screen=True)
    nhs_page.get_by_role("button", name="Sign in with NHS Care Identity (smartcard)").click()

    expect(nhs_page).to_have_url(re.compile(r"/overview/$"))


def test_the_page_before_leaving_for_nhs_login(nhs_page):
    visit(nhs_page, reverse("openid_connect_login", kwargs={"provider_id": "nhs-login"}))
    check_page(nhs_page, small_screen=True)
    expect(nhs_page.get_by_role("button", name="Continue to NHS login")).to_be_visible()
