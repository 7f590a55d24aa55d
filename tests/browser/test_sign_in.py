"""Signing in through the real pages: staff with a password and an authenticator-app code,
experts with a code sent to their email. Every page passes axe, and at 320px."""

import re

import pytest
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, totp_code
from tests.browser.checks import check_page, visit
from tests.factories import UserFactory, expert_with_account

pytestmark = pytest.mark.browser


def test_staff_sign_in_with_password_then_authenticator_code(page, transactional_db):
    coordinator = UserFactory(role=Role.COORDINATOR, email="cora@example.org")

    visit(page, "/accounts/login/")
    check_page(page, small_screen=True)
    page.get_by_label("Email address").fill("cora@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    check_page(page, small_screen=True)
    page.get_by_label(re.compile("code", re.I)).first.fill(totp_code(coordinator.totp_secret))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Confirm", re.I)).first.click()

    expect(page).to_have_url(re.compile(r"/overview/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")


def test_a_wrong_password_is_explained_and_the_email_is_kept(page, transactional_db):
    UserFactory(role=Role.COORDINATOR, email="cora@example.org")

    visit(page, "/accounts/login/")
    page.get_by_label("Email address").fill("cora@example.org")
    page.get_by_label("Password", exact=True).fill("not the password at all")
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.get_by_label("Email address")).to_have_value("cora@example.org")
    check_page(page)


def test_expert_signs_in_with_a_code_sent_to_their_email(page, transactional_db, sent_mail):
    expert = expert_with_account(full_name="Eve Expert", email="eve@example.net")

    visit(page, "/accounts/login/")
    page.get_by_role("link", name=re.compile("sign-in code", re.I)).first.click()
    check_page(page, small_screen=True)
    page.get_by_label("Email address").fill(expert.email)
    page.get_by_role("button", name=re.compile("code", re.I)).first.click()

    check_page(page, small_screen=True)
    code = re.search(r"\b(\d{6})\b", sent_mail.wait_for(expert.email)[-1].body).group(1)
    page.get_by_label(re.compile("code", re.I)).first.fill(code)
    page.get_by_role("button", name=re.compile("Sign in|Continue|Confirm", re.I)).first.click()

    expect(page).to_have_url(re.compile(r"/me/involvement/$"))
    check_page(page, small_screen=True)
