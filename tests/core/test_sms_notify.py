"""Texts through GOV.UK Notify: what the official client sends to a real (local) HTTP server
standing in for Notify's API, that a refusal or an outage costs only the text, never the
invitation run, and never puts a phone number or a message in the logs; and when production
settings choose Notify."""

import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import jwt
import pytest

from coproduce.core import sms, sms_notify
from tests.core.fake_notify import API_KEY, SECRET, SERVICE_ID, running_fake_notify

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
PHONE = "+447700900456"
BODY = "Coproduce Partnership: you are invited to Dementia carers panel on Tuesday 3 March 2026"


@pytest.fixture
def notify(settings):
    with running_fake_notify() as server:
        settings.SMS_BACKEND = "coproduce.core.sms_notify.NotifyBackend"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_SMS_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_BASE_URL = server.url
        yield server


def test_a_text_is_sent_as_notifys_template_filled_with_our_message(notify):
    before = int(time.time())

    assert sms.send_text(PHONE, BODY, reference="invitation-42") == 1

    [request] = notify.requests
    assert request["path"] == "/v2/notifications/sms"
    assert request["json"] == {
        "phone_number": PHONE,
        "template_id": TEMPLATE_ID,
        "personalisation": {"body": BODY},
        "reference": "invitation-42",
    }
    scheme, token = request["headers"]["Authorization"].split(" ")
    assert scheme == "Bearer"
    assert jwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256"}
    # Signed with the key's secret, issued by the key's service: what Notify checks.
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["iss"] == SERVICE_ID
    assert before - 1 <= claims["iat"] <= time.time() + 1
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, str(uuid.uuid4()), algorithms=["HS256"])


def test_a_text_without_a_reference_sends_none(notify):
    assert sms.send_text(PHONE, BODY) == 1

    assert "reference" not in notify.requests[0]["json"]


def _notify_error(status: int, kind: str) -> dict:
    # Notify's error shape; the message quotes what it was sent, as the worst case.
    return {
        "status_code": status,
        "errors": [{"error": kind, "message": f"phone_number {PHONE} / {BODY} not accepted"}],
    }


@pytest.mark.parametrize(
    ("status", "kind"), [(400, "ValidationError"), (500, "Exception"), (403, "AuthError")]
)
def test_a_refused_text_counts_as_not_sent_and_logs_no_number_or_message(
    notify, caplog, status, kind
):
    notify.reply = (status, _notify_error(status, kind))
    caplog.set_level(logging.DEBUG)

    assert sms.send_text(PHONE, BODY, reference="invitation-7") == 0

    [warning] = [r for r in caplog.records if r.name == "coproduce.core.sms_notify"]
    assert warning.levelno == logging.WARNING
    assert warning.getMessage() == (
        f"GOV.UK Notify did not send text invitation-7: {status} {kind}"
    )
    _assert_nothing_personal_in(caplog)


def test_a_notify_that_does_not_answer_in_time_costs_the_text_only(notify, caplog, monkeypatch):
    monkeypatch.setattr(sms_notify, "TIMEOUT_SECONDS", 0.2)
    notify.delay = 1
    caplog.set_level(logging.DEBUG)

    assert sms.send_text(PHONE, BODY, reference="invitation-8") == 0

    messages = [r.getMessage() for r in caplog.records if r.name == "coproduce.core.sms_notify"]
    assert messages == ["GOV.UK Notify did not send text invitation-8: 503 (no error named)"]
    _assert_nothing_personal_in(caplog)


def test_each_text_of_a_batch_is_counted_on_its_own(notify):
    backend = sms_notify.NotifyBackend()
    texts = [sms.TextMessage(to=PHONE, body=BODY), sms.TextMessage(to="+447700900999", body="x")]

    assert backend.send(texts) == 2
    assert [r["json"]["phone_number"] for r in notify.requests] == [PHONE, "+447700900999"]

    notify.reply = (400, _notify_error(400, "ValidationError"))
    assert backend.send(texts) == 0


def _assert_nothing_personal_in(caplog):
    national = PHONE.removeprefix("+44")
    for record in caplog.records:
        logged = record.getMessage() + caplog.text
        assert national not in logged
        assert BODY not in logged
        assert "Dementia" not in logged


@pytest.mark.django_db
def test_an_invitation_run_finishes_when_notify_fails(
    notify, coordinator, django_capture_on_commit_callbacks
):
    from coproduce.opportunities.models import InviteRun
    from coproduce.opportunities.notify import NOT_DELIVERED
    from coproduce.opportunities.services import invitations as services
    from tests.factories import ExpertFactory, OpportunityFactory, SessionFactory

    notify.reply = (500, _notify_error(500, "Exception"))
    session = SessionFactory(opportunity=OpportunityFactory(places=3))
    both = ExpertFactory(preferred_channel="text", phone=PHONE)
    texts_only = ExpertFactory(
        email="", preferred_channel="text", phone="+447700900111", full_name="Tex Only"
    )

    with django_capture_on_commit_callbacks(execute=True):
        run = services.invite_experts(
            actor=coordinator, sessions=[session], experts=[both, texts_only]
        )

    run.refresh_from_db()
    assert len(notify.requests) == 2
    assert run.state == InviteRun.State.DONE
    assert (run.sent, run.not_sent) == (1, 1)  # the one with an email still got it
    assert run.problems == [{"expert": "Tex Only", "reason": NOT_DELIVERED}]


# Which backend production settings choose: settings are read once, so in a fresh process.


def _settings_in_a_fresh_process(tmp_path, **env_vars) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "SMS_BACKEND"} and not k.startswith("NOTIFY_")
    }
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qp" * 10,
            "ALLOWED_HOSTS": "coproduce.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'settings.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "coproduce.settings",
            "PYTHONPATH": "src",
            **env_vars,
        }
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SMS_BACKEND)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_sends_texts_through_notify_once_a_key_is_given_in_a_file(tmp_path):
    key_file = tmp_path / "notify_key"
    key_file.write_text(API_KEY + "\n")

    result = _settings_in_a_fresh_process(
        tmp_path, NOTIFY_API_KEY_FILE=str(key_file), NOTIFY_SMS_TEMPLATE_ID=TEMPLATE_ID
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "coproduce.core.sms_notify.NotifyBackend"


@pytest.mark.parametrize(
    ("env_vars", "expected"),
    [
        ({}, "coproduce.core.sms.NoGatewayBackend"),
        (
            {"NOTIFY_API_KEY": API_KEY, "NOTIFY_SMS_TEMPLATE_ID": TEMPLATE_ID, "DEBUG": "true"},
            "coproduce.core.sms.OutboxBackend",
        ),
        (
            {
                "NOTIFY_API_KEY": API_KEY,
                "NOTIFY_SMS_TEMPLATE_ID": TEMPLATE_ID,
                "SMS_BACKEND": "coproduce.core.sms.NoGatewayBackend",
            },
            "coproduce.core.sms.NoGatewayBackend",
        ),
    ],
    ids=["no-key-no-gateway", "development-keeps-the-outbox", "an-explicit-backend-wins"],
)
def test_other_settings_keep_their_text_backend(tmp_path, env_vars, expected):
    result = _settings_in_a_fresh_process(tmp_path, **env_vars)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("env_vars", "complaint"),
    [
        ({"NOTIFY_API_KEY": API_KEY}, "NOTIFY_SMS_TEMPLATE_ID"),
        ({"NOTIFY_API_KEY": SECRET, "NOTIFY_SMS_TEMPLATE_ID": TEMPLATE_ID}, "NOTIFY_API_KEY"),
    ],
    ids=["no-template", "only-the-secret-pasted"],
)
def test_notify_with_a_missing_template_or_a_partial_key_fails_loudly(
    tmp_path, env_vars, complaint
):
    result = _settings_in_a_fresh_process(tmp_path, **env_vars)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr
    assert SECRET not in result.stderr
