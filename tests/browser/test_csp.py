"""The Content-Security-Policy in a real browser: what it refuses is refused and reported (so
every browser test, which fails on any report, proves its pages keep to the policy), and the
pages most likely to break it (NHS.UK's nonced script, the authenticator QR code, Django's
admin) keep to it."""

import time

import pytest
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.browser.checks import check_page, visit
from tests.browser.steps import sign_in_as

pytestmark = pytest.mark.browser


def wait_for_reports(page, count: int, timeout: float = 5) -> list[str]:
    """The violations reported so far, once there are at least `count` (they arrive a moment
    after the page refuses something)."""
    deadline = time.monotonic() + timeout
    while len(page.problems.csp_violations) < count and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return list(page.problems.csp_violations)


def test_an_injected_script_and_style_are_refused_and_reported(page):
    visit(page, reverse("home"))
    # NHS.UK's own inline script carries the nonce, so it ran.
    assert "js-enabled" in page.evaluate("document.body.className")
    assert page.problems.csp_violations == []

    outcome = page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injectedScriptRan = true';
            document.body.append(script);
            const main = document.querySelector('main');
            main.setAttribute('style', 'margin-left: 77px');
            setTimeout('window.stringTimerRan = true', 0);
            return {
                scriptRan: window.injectedScriptRan === true,
                margin: getComputedStyle(main).marginLeft,
            };
        }"""
    )
    assert outcome["scriptRan"] is False
    assert outcome["margin"] != "77px"
    page.wait_for_timeout(100)
    assert page.evaluate("window.stringTimerRan") is None

    reports = wait_for_reports(page, 3)
    assert any(r.startswith("script-src-elem: inline") for r in reports), reports
    assert any(r.startswith("style-src-attr: inline") for r in reports), reports
    assert any(r.startswith("script-src: eval") for r in reports), reports
    # The test fixtures turn these into errors that fail the test: the detector works.
    errors = page.problems.take()
    assert any("Content-Security-Policy refused script-src-elem" in e for e in errors), errors
    assert page.problems.csp_violations == []


def test_the_authenticator_qr_code_shows_under_the_policy(page, transactional_db):
    sign_in_as(page, Role.COORDINATOR, with_totp=False)
    visit(page, reverse("mfa_activate_totp"))
    # Setting up a second factor asks for the password again first.
    page.get_by_role("textbox", name="Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**" + reverse("mfa_activate_totp"))
    qr_code = page.get_by_role("img", name="QR code", exact=False)
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")
    check_page(page)


def test_django_admin_pages_keep_to_the_policy(page, transactional_db):
    sign_in_as(page, Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    for name in (
        "admin:index",
        "admin:opportunities_opportunity_changelist",
        "admin:opportunities_opportunity_add",
    ):
        path = reverse(name)
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert page.problems.take() == []
