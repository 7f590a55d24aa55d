"""Browser tests: a real headless Chromium (Debian's, not Playwright's download) driving the app
served by pytest-django's live server, with axe-core run on every page a journey visits. With
COPRODUCE_TEST_SERVER=production the app is served instead by gunicorn and the task worker with
production settings (see tests/browser/server.py): `make test-production` runs them so.

Each test gets a fresh browser context; one Chromium serves a whole run of browser tests. People
sign in by session cookie, so these tests never depend on the sign-in pages."""

import os
import tempfile
import warnings
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from coproduce.accounts.roles import Role
from tests.browser.checks import AXE_JS, REPO_ROOT
from tests.browser.server import (
    Email,
    LiveServer,
    ProductionServer,
    ServerError,
    SMTPInbox,
    database_url,
    free_port,
    new_secret_key,
    production_mode,
)
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import expert_with_account

CHROMIUM = Path("/usr/bin/chromium")
VENDOR_CSS = (
    REPO_ROOT / "src" / "coproduce" / "static" / "vendor" / "nhsuk" / "nhsuk-frontend.min.css"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
BROWSER_SESSION = pytest.StashKey["BrowserSession"]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, so `-m browser` / `-m "not browser"` can
    run them apart (the Makefile runs them in one process, after the rest in parallel)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


class BrowserSession:
    """One Chromium for a run of browser tests, stopped as soon as the run ends.

    Playwright's sync API keeps an event loop running in this thread while it is started, and
    Django refuses ORM calls from a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE
    is set (safe here: nothing is async). So the browser must not outlive the browser tests:
    every other test in the same worker would fail, and the variable must not leak into them
    either (`manage.py check --deploy` rightly refuses to pass when it is set)."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None
        self._saved_env: str | None = None

    def get(self, extra_args: list[str]):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._saved_env = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + extra_args
            )
        return self._browser

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            self._browser.close()
            self._playwright.stop()
        finally:
            self._browser = self._playwright = None
            if self._saved_env is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self._saved_env


def _is_browser_test(item) -> bool:
    return item is not None and item.get_closest_marker("browser") is not None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test's own teardown (its database flush included): if the next test is not a
    browser test, stop Chromium now rather than at the end of the session."""
    result = yield
    if _is_browser_test(item) and not _is_browser_test(nextitem):
        session = item.config.stash.get(BROWSER_SESSION, None)
        if session is not None:
            session.stop()
    return result


@pytest.fixture(scope="session")
def _browser_session(pytestconfig):
    session = BrowserSession()
    pytestconfig.stash[BROWSER_SESSION] = session
    yield session
    session.stop()


@pytest.fixture
def browser(_browser_session, app_server):
    """The system Chromium, started on first use. Skips, saying why, when it is missing."""
    if not CHROMIUM.exists():
        reason = (
            f"Browser tests skipped: {CHROMIUM} is missing. Install Debian's chromium package "
            "(`make browser-deps` does it as root)."
        )
        # A warning as well as the skip: `pytest -q` lists warnings, but not skip reasons.
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `npm ci` (or `make assets`).")
    if not VENDOR_CSS.exists():
        pytest.fail(
            "The NHS.UK frontend files are missing from src/coproduce/static/vendor: "
            "run `make assets`."
        )
    return _browser_session.get(app_server.browser_args())


class PageProblems:
    """What went wrong in the page's own code: console errors, uncaught exceptions, our own
    scripts, styles or images failing to load, and anything the Content-Security-Policy
    refused (a page that breaks the policy fails its test). Requests to other hosts (the NHS
    web fonts the CSS names) cannot work on a machine without internet and are blocked on
    purpose, so their failures are not counted; nor is the status of the page itself, which
    each journey checks where it matters (a 404 page is meant to answer 404)."""

    def __init__(self, own_origin: str, csp_violations: list[str] | None = None):
        self.own_origin = own_origin
        self.errors: list[str] = []
        # Filled by the page's context (see watch_csp): anything the policy refused.
        self.csp_violations = csp_violations if csp_violations is not None else []

    def _is_own(self, url: str) -> bool:
        return url.startswith(self.own_origin)

    def on_console(self, message) -> None:
        # Chromium also says in the console what the Content-Security-Policy refused.
        if "Content Security Policy" in message.text:
            self.errors.append(f"Content-Security-Policy, in the console: {message.text}")
            return
        # Chromium repeats every failed load as a console error; responses are judged below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            url = (message.location or {}).get("url", "")
            self.errors.append(f"console error at {url}: {message.text}")

    def on_page_error(self, error) -> None:
        self.errors.append(f"uncaught exception: {error}")

    def on_response(self, response) -> None:
        request = response.request
        if (
            response.status >= 400
            and self._is_own(response.url)
            and request.resource_type != "document"
        ):
            self.errors.append(f"{request.resource_type} {response.url} answered {response.status}")

    def on_request_failed(self, request) -> None:
        # ERR_ABORTED is the browser dropping a load because the page moved on (a click before
        # the favicon arrived, say): not a fault of the page. A missing file answers 404 and is
        # caught in on_response.
        if request.failure == "net::ERR_ABORTED":
            return
        if self._is_own(request.url) and request.resource_type != "document":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        errors += [f"Content-Security-Policy refused {v}" for v in self.csp_violations]
        self.csp_violations.clear()
        return errors


PRODUCTION = production_mode()

if PRODUCTION:

    @pytest.fixture(scope="session")
    def _smtp_inbox():
        """A real SMTP server in the test process: the server's processes send mail to it."""
        import logging

        from aiosmtpd.controller import Controller

        # aiosmtpd logs every connection at INFO: noise in the report of a failing test.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        inbox = SMTPInbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        yield inbox, controller.port
        controller.stop()

    @pytest.fixture(scope="session")
    def app_server(request, django_db_setup, django_db_blocker, _smtp_inbox):
        """gunicorn and the task worker with production settings, on the test database, for
        the whole run; stopped before pytest-django drops that database."""
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.fail(
                "COPRODUCE_TEST_SERVER=production needs PostgreSQL (the server's processes "
                "share the test database): set DATABASE_URL, or run `make test-production`.",
                pytrace=False,
            )
        # Sessions made by sign_in() here must be valid there: one key for both processes.
        # Passwords set here must be ones the server's hashers can check (not the MD5 the
        # suite uses to be quick).
        key = os.environ.get("SECRET_KEY") or new_secret_key()
        shared = override_settings(
            SECRET_KEY=key,
            PASSWORD_HASHERS=["tests.browser.server.QuickPBKDF2PasswordHasher"],
        )
        shared.enable()
        server = ProductionServer(
            workdir=Path(tempfile.mkdtemp(prefix="coproduce-production-")),
            database_url=database_url(connection.settings_dict),
            secret_key=key,
            smtp_port=_smtp_inbox[1],
        )
        try:
            server.start()
        except ServerError as error:
            server.stop()
            problem = str(error)
        else:
            problem = ""
        if problem:  # failed outside the except block, so the report is the message alone
            shared.disable()
            pytest.fail(problem, pytrace=False)
        try:
            yield server
        finally:
            # Chromium first: a synchronous worker holding one of its idle connections would
            # make gunicorn's graceful stop wait.
            browser_session = request.config.stash.get(BROWSER_SESSION, None)
            if browser_session is not None:
                browser_session.stop()
            server.stop()
            server.remove_files()
            shared.disable()

    @pytest.fixture(scope="session")
    def live_server():
        pytest.fail(
            "With COPRODUCE_TEST_SERVER=production, use the app_server fixture: live_server "
            "would start the development server beside the production one.",
            pytrace=False,
        )

    @pytest.fixture
    def _private_storage(settings, tmp_path, app_server):
        """Files a test makes here (a story's photo) go where the server's processes read
        them: its var/private, not this test's throwaway folder (tests/conftest.py)."""
        private = app_server.workdir / "var" / "private"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(private)},
            },
        }
        settings.MEDIA_ROOT = private
        settings.OUTBOX_DIR = tmp_path / "outbox"

else:

    @pytest.fixture
    def app_server(live_server):
        """pytest-django's live server, in a thread of this process."""
        return LiveServer(live_server.url)


class SentMail:
    """Mail sent during a test, wherever it went: Django's test outbox (mail sent by this
    process) and, against the production server, the SMTP server its processes send to. The
    worker sends some mail a moment after the page that asked for it, so `wait_for` waits."""

    def __init__(self, inbox: SMTPInbox | None):
        self._inbox = inbox

    def all(self) -> list[Email]:
        here = [
            Email(to=list(m.to), subject=str(m.subject), body=str(m.body))
            for m in getattr(mail, "outbox", [])
        ]
        return here + (list(self._inbox.messages) if self._inbox else [])

    def wait_for(self, to: str, containing: str = "", timeout: float = 15) -> list[Email]:
        """Every message to `to` whose text contains `containing`, once there is at least one;
        fails, listing what was sent, if none comes within `timeout` seconds."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.all() if m.to == [to] and containing in m.body]
            if found:
                return found
            if time.monotonic() > deadline:
                sent = [f"to {m.to}: {m.subject}" for m in self.all()] or ["nothing"]
                pytest.fail(
                    f"No mail to {to} containing {containing!r} within {timeout}s. Sent:\n"
                    + "\n".join(sent),
                    pytrace=False,
                )
            time.sleep(0.1)


@pytest.fixture
def sent_mail(request):
    inbox = None
    if PRODUCTION:
        inbox, _port = request.getfixturevalue("_smtp_inbox")
        inbox.messages.clear()
    return SentMail(inbox)


# Runs in every page before its own scripts: reports each thing the Content-Security-Policy
# refuses (the browser fires `securitypolicyviolation` for each) to the test, by a function
# Playwright adds outside the page's reach, so the policy cannot block the report itself.
CSP_WATCH = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__coproduceCspViolation(
    `${event.effectiveDirective}: ${event.blockedURI || 'inline'} on ${event.documentURI}`
    + ` (${event.sourceFile || 'the page'}, line ${event.lineNumber})`);
}, true);
"""


def watch_csp(context) -> list[str]:
    """Collects every Content-Security-Policy violation in the context's pages: the list it
    returns (also `context.csp_violations`) fills as they happen."""
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    context.expose_function("__coproduceCspViolation", report)
    context.add_init_script(CSP_WATCH)
    context.csp_violations = violations
    return violations


def new_context(browser, app_server, **options):
    """A browser context for our server (the production one has its own certificate), watched
    for Content-Security-Policy violations."""
    context = browser.new_context(
        base_url=app_server.url, **app_server.context_options(), **options
    )
    watch_csp(context)
    return context


@pytest.fixture
def page(transactional_db, browser, app_server):
    """A fresh browser context and page, at desktop width, that may only reach our server.
    The test's data is committed (transactional_db): the server reads it from elsewhere. The
    database comes first, before Chromium starts: a connection opened once Playwright's event
    loop runs is never closed, and PostgreSQL then refuses to drop the test database."""
    origin = app_server.url
    context = new_context(browser, app_server, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(origin)
            else route.abort("blockedbyclient")
        ),
    )
    new_page = context.new_page()
    problems = PageProblems(origin, context.csp_violations)
    new_page.on("console", problems.on_console)
    new_page.on("pageerror", problems.on_page_error)
    new_page.on("response", problems.on_response)
    new_page.on("requestfailed", problems.on_request_failed)
    new_page.problems = problems  # type: ignore[attr-defined]
    yield new_page
    context.close()
    if PRODUCTION:
        app_server.check_alive()
    leftover = problems.take()
    assert not leftover, "The page had errors:\n" + "\n".join(leftover)


@pytest.fixture
def coordinator_page(page, transactional_db):
    sign_in_as(page, Role.COORDINATOR, full_name="Cora Coordinator")
    return page


@pytest.fixture
def administrator_page(page, transactional_db):
    sign_in_as(page, Role.ADMINISTRATOR, full_name="Ada Administrator")
    return page


@pytest.fixture
def expert_page(page, transactional_db):
    expert = expert_with_account(full_name="Eve Expert", preferred_name="")
    sign_in(page, expert.user)
    page.expert = expert
    return page
