"""The error pages are the NHS.UK ones, and the 500 page renders when the database is down:
it needs no session, no signed-in user and no query. The suite runs with DEBUG off."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from coproduce.core.views import errors

SORRY = "Sorry, there is a problem with the service"
ROOT = Path(__file__).resolve().parents[2]


class DatabaseDown:
    """Every query fails as it would with the server gone, and each attempt is counted."""

    def __init__(self):
        self.attempts = 0

    def __call__(self, execute, sql, params, many, context):
        self.attempts += 1
        raise OperationalError("connection to server failed: Connection refused")


def test_the_500_page_is_made_without_a_single_query_or_the_user(db):
    request = RequestFactory().get("/register/")  # no session, no user: neither is needed
    down = DatabaseDown()
    with connection.execute_wrapper(down):
        response = errors.server_error(request)

    assert down.attempts == 0
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{SORRY}</h1>" in html
    assert "Try again later." in html
    assert settings.INVOLVEMENT_TEAM_EMAIL in html
    assert "nhsuk-header" in html
    assert "Sign out" not in html


@pytest.mark.parametrize(
    "path",
    ["/register/", "/experts/1/", "/no-such-page/"],
    ids=["a page", "a record", "a page that does not exist"],
)
def test_with_the_database_down_a_signed_in_page_answers_the_nhs_500_page(coordinator_client, path):
    coordinator_client.raise_request_exception = False
    coordinator_client.get(reverse("people:dashboard"))  # a session that has passed MFA
    down = DatabaseDown()
    with connection.execute_wrapper(down):
        response = coordinator_client.get(path, HTTP_X_REQUEST_ID="db-down-1")

    assert down.attempts >= 1, "the page never needed the database"
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{SORRY}</h1>" in html
    assert "nhsuk-header" in html, "the plain fallback was sent instead of the NHS page"
    assert "db-down-1" in html
    assert response["X-Request-ID"] == "db-down-1"
    assert "Traceback" not in html and "OperationalError" not in html


def test_the_plain_500_page_is_sent_if_even_the_template_fails(monkeypatch, db):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(errors, "render_to_string", broken)
    request = RequestFactory().get("/")
    response = errors.server_error(request)

    assert response.status_code == 500
    assert f"<h1>{SORRY}</h1>" in response.content.decode()


def test_a_request_for_an_unknown_host_gets_the_nhs_400_page(db):
    response = Client().get("/", HTTP_HOST="attacker.example", HTTP_X_REQUEST_ID="bad-host-1")

    assert response.status_code == 400
    html = response.content.decode()
    assert f"<h1>{SORRY}</h1>" in html
    assert "We could not understand what your browser sent." in html
    assert "bad-host-1" in html


def test_a_form_sent_without_its_security_token_gets_the_expired_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Sorry, this page has expired</h1>" in html
    assert "reload the page and try again" in html
    assert "CSRF" not in html


def test_the_403_and_404_pages_still_show_the_signed_in_navigation(staff_client):
    forbidden = staff_client.get(reverse("people:register"))
    missing = staff_client.get("/no-such-page/")

    assert forbidden.status_code == 403
    assert "You cannot open this page" in forbidden.content.decode()
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
    assert "Sign out" in missing.content.decode()


# A separate Python with DEBUG off and a database that is not there at all: nothing is mocked.
PROBE = """
import json, django
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get(
    "/register/", HTTP_X_REQUEST_ID="real-outage-1", HTTP_COOKIE="sessionid=abcdefghijklmnop"
)
print(json.dumps({
    "status": response.status_code,
    "html": response.content.decode(),
    "request_id": response.get("X-Request-ID"),
}))
"""


@pytest.mark.parametrize(
    "database_url",
    ["postgres://postgres@127.0.0.1:1/no_such_database", "sqlite:////no/such/folder/db.sqlite3"],
    ids=["postgresql on a closed port", "sqlite file that cannot be opened"],
)
def test_with_no_database_at_all_the_service_answers_the_nhs_500_page_and_logs_it(database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DATABASE_CONN_MAX_AGE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])

    assert answer["status"] == 500
    assert f"<h1>{SORRY}</h1>" in answer["html"]
    assert "nhsuk-header" in answer["html"], "the plain fallback was sent instead of the NHS page"
    assert "real-outage-1" in answer["html"]
    assert answer["request_id"] == "real-outage-1"

    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    [request_line] = [line for line in lines if line["logger"] == "coproduce.request"]
    assert request_line["status"] == 500
    assert request_line["request_id"] == "real-outage-1"
    assert request_line["view"] == "people:register"
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["request_id"] == "real-outage-1"
    assert "OperationalError" in error["exc_info"]
    assert "abcdefghijklmnop" not in done.stderr
    assert not [line for line in done.stderr.splitlines() if line.strip() and line[0] != "{"]
