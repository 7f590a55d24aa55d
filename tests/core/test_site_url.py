"""Links in emails (SITE_URL) point at the site the developer is looking at: in development
they follow the port `make run` serves on."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _site_url(**environ: str) -> str:
    """SITE_URL as a fresh Python reads it from these environment variables, nothing else set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "SITE_URL", "SITE_URL_FILE", "PORT"}
    }
    env.update(environ, DJANGO_SETTINGS_MODULE="coproduce.settings", PYTHONPATH="src")
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_in_development_links_in_emails_follow_the_port_served_on():
    assert _site_url(DEBUG="true", PORT="8123") == "http://127.0.0.1:8123"
    assert _site_url(DEBUG="true") == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert _site_url(DEBUG="true", PORT="8123", SITE_URL="http://localhost:9000") == (
        "http://localhost:9000"
    )


def test_make_run_gives_its_port_to_the_web_server_and_the_worker_that_sends_the_emails():
    # -n prints the commands without running any of them.
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    worker = [line for line in lines if "manage.py worker" in line]
    server = [line for line in lines if "manage.py runserver" in line]
    assert worker and server
    assert "PORT=8123" in worker[0]
    assert "PORT=8123" in server[0]
    assert "runserver 127.0.0.1:8123" in server[0]
