"""Shared fixtures: a signed-in client for each role, the payment policy, and a clean outbox."""

import pytest
from django.test import Client

from coproduce.accounts.roles import Role
from tests.factories import UserFactory, expert_with_account
from tests.payments.helpers import make_policy


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers():
    """On SQLite the tests' flush (after a transactional or browser test) is a DELETE FROM each
    table, which the audit trail's triggers refuse; they let it through while audit_flushing
    has a row (audit migration 0003). PostgreSQL's flush is a TRUNCATE, which they never see."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        original(
            self,
            ["INSERT INTO audit_flushing VALUES (1)", *sql_list, "DELETE FROM audit_flushing"],
        )

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the developer's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.OUTBOX_DIR = tmp_path / "outbox"


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps rate limits (per address: every test client is 127.0.0.1) and used codes
    in the cache; one test's wrong codes must not count against the next test. The
    organisation's words (core.terms) are cached too."""
    from django.core.cache import cache

    from coproduce.core import terms

    cache.clear()
    # Each test starts with no saved words (the table is empty), so the cache says so, as it
    # would on a server that has served a page: pages then cost the same queries in every
    # test, in the steady state a server is in. A test that saves words puts them in.
    terms.remember(None)
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_is_a_whole_sign_in(monkeypatch):
    """Client.force_login stands for a whole sign-in: a staff member with an authenticator app
    has passed it in that session, as the sign-in pages leave it (tests/accounts walk those
    pages themselves, and test sessions that did not pass it)."""
    from allauth.mfa.models import Authenticator

    from coproduce.accounts.middleware import PASSED_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if not user.is_expert and Authenticator.objects.filter(user=user).exists():
            session = self.session
            session[PASSED_KEY] = user.pk
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(db):
    return UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")


@pytest.fixture
def involvement_lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, full_name="Lee Lead")


@pytest.fixture
def administrator(db):
    return UserFactory(role=Role.ADMINISTRATOR, full_name="Ada Administrator")


@pytest.fixture
def staff_member(db):
    return UserFactory(role=Role.STAFF, full_name="Sam Staff")


@pytest.fixture
def finance_officer(db):
    return UserFactory(role=Role.FINANCE, full_name="Fin Finance")


@pytest.fixture
def expert(db):
    return expert_with_account(full_name="Eve Expert")


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def lead_client(involvement_lead):
    return _client_for(involvement_lead)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def staff_client(staff_member):
    return _client_for(staff_member)


@pytest.fixture
def finance_client(finance_officer):
    return _client_for(finance_officer)


@pytest.fixture
def expert_client(expert):
    return _client_for(expert.user)


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def policy(db):
    """The standard payment policy, set through the service as the policy page sets it: £15 an
    hour for workshops, 45p a mile and the usual expenses, in force since 1 April 2020. A module
    whose every test needs it says `pytestmark = pytest.mark.usefixtures("policy")`."""
    return make_policy()


class _Inbox:
    """What a real SMTP server received, as parsed email messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on this machine (aiosmtpd), with Django's SMTP backend sending to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
