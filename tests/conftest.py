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


# What the post_migrate signal puts in a new database (and Django's flush after each
# transactional test deletes and makes again): content types and permissions.
MADE_BY_POST_MIGRATE = ("django_content_type", "auth_permission")


def _tables_with_rows(connection, tables: list[str]) -> list[str]:
    """The tables among `tables` that hold a row, in one query."""
    quote = connection.ops.quote_name
    query = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query, tables)
        return [name for (name,) in cursor.fetchall()]


def _may_skip_triggers(connection) -> bool:
    """Whether this PostgreSQL user may set session_replication_role (a superuser may)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return bool(cursor.fetchone()[0])


def empty_the_database(connection) -> None:
    """After a transactional (or browser) test: every table emptied, as Django's flush leaves
    them, but in a fraction of the time. Only the tables that have rows are emptied, and the
    content types and permissions are kept instead of being deleted and made again by
    post_migrate (they are the same rows; nothing in the suite changes them)."""
    from django.core.management.color import no_style

    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in MADE_BY_POST_MIGRATE
    ]
    full = _tables_with_rows(connection, tables)
    if not full:
        return
    if connection.vendor == "postgresql" and _may_skip_triggers(connection):
        # A TRUNCATE makes new files for each table it names, and with CASCADE it names every
        # table that refers to one of these (nearly all of them refer to accounts_user): seconds
        # on a busy machine. A DELETE of the few rows a test made is quick. Triggers (foreign
        # keys' and the audit trail's refusals) are off for this one transaction, as
        # pg_restore turns them off: every table is emptied, so no reference is left dangling.
        from django.db import transaction

        quote = connection.ops.quote_name
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in full:
                cursor.execute(f"DELETE FROM {quote(table)}")
        return
    # CASCADE on PostgreSQL: an empty table that refers to a full one must be named with it.
    # It never reaches the kept tables: they refer to nothing else.
    sql_list = connection.ops.sql_flush(
        no_style(), full, reset_sequences=False, allow_cascade=connection.vendor == "postgresql"
    )
    connection.ops.execute_sql_flush(sql_list)


@pytest.fixture(autouse=True, scope="session")
def _quick_flush_after_transactional_tests():
    """Django flushes the database after each transactional test (browser tests too):
    TRUNCATE of all 118 tables, then post_migrate making the content types and permissions
    again. On PostgreSQL that took longer than many a test; `empty_the_database` leaves the
    same state. Tests that ask for available_apps or serialized_rollback keep Django's way."""
    from django.db import connections
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        if self.available_apps is not None or self.serialized_rollback:
            return original(self)
        for db_name in self._databases_names(include_mirrors=False):
            empty_the_database(connections[db_name])
        return None

    TransactionTestCase._fixture_teardown = _fixture_teardown
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test databases do not wait for each commit to reach the disk
    (synchronous_commit off): a throwaway database needs no durability after a crash of the
    machine, and each commit then costs a fraction of a millisecond instead of ~10 ms. What
    other sessions see, and when, is unchanged. The migrations that make the test database, and
    every transactional and browser test, commit often."""
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        options = settings_dict.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database made; on PostgreSQL set to synchronous_commit off for every session
    (the production server's processes and the deployment tests' connect to it too)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            cursor.execute(f"ALTER DATABASE {name} SET synchronous_commit = off")
    yield


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
