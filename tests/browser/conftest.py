"""Browser tests: a real headless Chromium (Debian's, not Playwright's download) driving the app
served by pytest-django's live server, with axe-core run on every page a journey visits.

Each test gets a fresh browser context; one Chromium serves a whole run of browser tests. People
sign in by session cookie, so these tests never depend on the sign-in pages."""

import os
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from coproduce.accounts.roles import Role
from tests.browser.checks import AXE_JS, REPO_ROOT
from tests.factories import UserFactory, expert_with_account

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

    def get(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._saved_env = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
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
def browser(_browser_session):
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
    return _browser_session.get()


class PageProblems:
    """What went wrong in the page's own code: console errors, uncaught exceptions, and our
    own scripts, styles or images failing to load. Requests to other hosts (the NHS web fonts
    the CSS names) cannot work on a machine without internet and are blocked on purpose, so
    their failures are not counted; nor is the status of the page itself, which each journey
    checks where it matters (a 404 page is meant to answer 404)."""

    def __init__(self, own_origin: str):
        self.own_origin = own_origin
        self.errors: list[str] = []

    def _is_own(self, url: str) -> bool:
        return url.startswith(self.own_origin)

    def on_console(self, message) -> None:
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
        return errors


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context and page, at desktop width, that may only reach our server."""
    origin = live_server.url
    context = browser.new_context(viewport=DESKTOP, base_url=origin, locale="en-GB")
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
    problems = PageProblems(origin)
    new_page.on("console", problems.on_console)
    new_page.on("pageerror", problems.on_page_error)
    new_page.on("response", problems.on_response)
    new_page.on("requestfailed", problems.on_request_failed)
    new_page.problems = problems  # type: ignore[attr-defined]
    yield new_page
    context.close()
    leftover = problems.take()
    assert not leftover, "The page had errors:\n" + "\n".join(leftover)


def sign_in(page, user) -> None:
    """Signs the browser in as `user` with a session cookie made by Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": cookie.key,
                "value": cookie.value,
                "url": page.problems.own_origin,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


@pytest.fixture
def coordinator_page(page, transactional_db):
    user = UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")
    sign_in(page, user)
    page.user = user
    return page


@pytest.fixture
def administrator_page(page, transactional_db):
    user = UserFactory(role=Role.ADMINISTRATOR, full_name="Ada Administrator")
    sign_in(page, user)
    page.user = user
    return page


@pytest.fixture
def expert_page(page, transactional_db):
    expert = expert_with_account(full_name="Eve Expert", preferred_name="")
    sign_in(page, expert.user)
    page.expert = expert
    return page
