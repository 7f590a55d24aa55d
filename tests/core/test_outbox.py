"""The development outbox shows the texts the site has sent as well as its emails, so a demo
can see what an expert who prefers texts is told."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coproduce.core import sms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "coproduce.core.mail.OutboxBackend"
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"
    sms.outbox.clear()
    yield settings
    sms.outbox.clear()


def _page(client) -> str:
    response = client.get(reverse("dev_outbox"))
    assert response.status_code == 200
    return response.content.decode()


def test_texts_sent_by_the_worker_process_are_listed_with_the_number_as_the_person_sees_it(
    development, client, tmp_path
):
    # The task worker is another process: the page cannot read its memory, only what it wrote.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "SMS_BACKEND"}}
    env.update(
        DEBUG="true",
        COPRODUCE_VAR_DIR=str(tmp_path / "worker-var"),
        DJANGO_SETTINGS_MODULE="coproduce.settings",
        PYTHONPATH="src",
    )
    script = (
        "import django; django.setup()\n"
        "from coproduce.core.sms import send_text\n"
        "send_text('+447700900456', 'You are invited to the Dementia panel', reference='t-1')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    development.OUTBOX_DIR = tmp_path / "worker-var" / "outbox"

    html = _page(client)

    assert '<h2 id="texts">Text messages</h2>' in html
    assert "07700 900456" in html
    assert "+447700900456" not in html
    assert "You are invited to the Dementia panel" in html
    assert "No text messages yet." not in html


def test_texts_are_listed_newest_first_with_when_they_were_sent(development, client):
    with time_machine.travel(datetime(2026, 12, 1, 9, 30, tzinfo=UTC), tick=False):
        sms.send_text("+447700900111", "The older text")
    with time_machine.travel(datetime(2026, 12, 2, 14, 5, tzinfo=UTC), tick=False):
        sms.send_text("+447700900222", "The newer text")
    sms.outbox.clear()  # what the page shows comes from the folder, not this process's memory

    html = _page(client)

    assert html.index("The newer text") < html.index("The older text")
    assert "2 December 2026 at 2:05pm" in html
    assert "1 December 2026 at 9:30am" in html


def test_emails_and_texts_are_both_listed(development, client):
    mail.send_mail("Your sign-in code", "Your code is 123456", None, ["eve@example.org"])
    sms.send_text("+447700900333", "Your meeting has moved")

    html = _page(client)

    assert "Your sign-in code" in html
    assert "Your meeting has moved" in html


def test_with_nothing_sent_the_page_says_so(development, client):
    html = _page(client)

    assert "No emails yet." in html
    assert "No text messages yet." in html


def test_texts_are_written_to_the_outbox_folder_only_in_development(settings):
    settings.DEBUG = False
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"

    sms.send_text("+447700900444", "Kept in memory for the tests only")

    assert sms.kept_texts() == []
    assert not (settings.OUTBOX_DIR / "texts").exists()
    sms.outbox.clear()
