"""Every answer carries the Content-Security-Policy: scripts only from our static files or with
this answer's nonce, no 'unsafe-inline' or 'unsafe-eval', and no page with inline styles or
scripts the policy would refuse. Each page is opened by a role that may see it, from the
permission matrix (tests/browser/test_csp.py proves the browser refuses what it says)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.permissions.matrix import MATRIX
from tests.permissions.outcomes import OK, ROLES
from tests.permissions.test_permission_matrix import _client, _kwargs

ROOT = Path(__file__).resolve().parents[2]
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# What a page must not contain: the policy would refuse each (email templates are not pages).
REFUSED_MARKUP = {
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "a <style> block": re.compile(r"<style\b", re.IGNORECASE),
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: link": re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# One role that may open each page it reads (GET), so every page the product has is checked.
PAGES = sorted(
    (name, next(role for role in ROLES if expected[role] == OK))
    for name, (method, _key, expected) in MATRIX.items()
    if method == "get" and OK in expected.values()
)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), PAGES)
def test_every_page_carries_the_policy_and_keeps_to_it(url_name, role):
    _method, key, _expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=_kwargs(key))
    response = _client(role).get(url)
    assert response.status_code == 200, f"{role} GET {url} gave {response.status_code}"
    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, header
    if not response["Content-Type"].startswith("text/html"):
        return  # files keep the policy; a receipt sets a stricter one of its own
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    scripts = SCRIPT_TAG.findall(html)
    inline = [attributes for attributes in scripts if "src=" not in attributes]
    nonce = NONCE.search(" ".join(policy["script-src"]))
    if inline:
        assert nonce, f"{url} has inline scripts but no nonce in script-src: {header}"
        for attributes in inline:
            assert f'nonce="{nonce.group(1)}"' in attributes, f"{url}: <script{attributes}>"
    for what, pattern in REFUSED_MARKUP.items():
        found = pattern.search(html)
        assert not found, f"{url} has {what}: {found.group(0)[:120]}"


def test_every_page_has_its_own_nonce_which_its_script_carries():
    client = Client()
    nonces = []
    for _ in range(2):
        response = client.get(reverse("home"))
        nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
        assert f'<script nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_error_pages_made_without_the_request_carry_its_nonce(client):
    # The CSRF failure page is made without the request (errors/layout.jinja), yet NHS.UK's
    # inline script on it must still carry the nonce the header names.
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("get_involved"), {})
    assert response.status_code == 403
    nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_files_and_data_answers_carry_the_policy_too(coordinator_client):
    # A file someone uploaded, opened in the browser, must not run scripts either.
    response = coordinator_client.get(reverse("people:export", kwargs={"file_format": "csv"}))
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_an_organisation_logo_on_another_host_is_allowed_as_an_image():
    env = {k: v for k, v in os.environ.items() if k != "ORGANISATION_LOGO_URL"}
    env.update(
        {
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "coproduce.settings",
            "ORGANISATION_LOGO_URL": "https://cdn.example.org/brand/logo.svg",
        }
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; "
            "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["'self'", "data:", "https://cdn.example.org"]
