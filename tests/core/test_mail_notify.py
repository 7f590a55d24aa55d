"""Email through GOV.UK Notify: what the official client sends to a real (local) HTTP server
standing in for Notify's API (one email per recipient, the template filled with the subject and
the plain-text words, the one-click unsubscribe link), that a refusal, an outage or an
attachment counts as not sent and never puts an address or the words in the logs, and that
production settings refuse a mis-pasted key or template once Notify is chosen for email."""

import json
import logging
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

from coproduce.comms.lists import unsubscribe
from coproduce.core import mail_notify
from tests.core.fake_notify import API_KEY, SECRET, SERVICE_ID, notify_error, running_fake_notify

ROOT = Path(__file__).resolve().parents[2]
BACKEND = "coproduce.core.mail_notify.NotifyEmailBackend"
TEMPLATE_ID = "0f6a3d5c-54b2-4a55-9d33-7a1d2cfb6a10"
REPLY_TO_ID = "b2f3a8f0-1c4d-4e0b-8a55-5b0c1d9e7f21"
ADDRESS = "ann.carer@example.net"
SUBJECT = "Dementia carers panel on Tuesday 3 March"
BODY = "Hello Ann,\n\nThe dementia carers panel meets again on Tuesday 3 March."
LEAVE_URL = "https://coproduce.example.org/mailing/leave/signed-token/"


@pytest.fixture
def notify(settings):
    with running_fake_notify() as server:
        settings.EMAIL_BACKEND = BACKEND
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_EMAIL_REPLY_TO_ID = ""
        settings.NOTIFY_BASE_URL = server.url
        yield server


def _email(**kwargs) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=kwargs.pop("subject", SUBJECT),
        body=kwargs.pop("body", BODY),
        to=kwargs.pop("to", [ADDRESS]),
        **kwargs,
    )
    email.attach_alternative("<p style='font-size:28px'>Hello Ann</p>", "text/html")
    return email


def test_an_email_is_sent_as_notifys_template_filled_with_its_subject_and_words(notify, settings):
    settings.NOTIFY_EMAIL_REPLY_TO_ID = REPLY_TO_ID
    before = int(time.time())

    assert _email(headers=unsubscribe.headers(LEAVE_URL)).send() == 1

    [request] = notify.requests
    assert request["path"] == "/v2/notifications/email"
    sent = request["json"]
    reference = sent.pop("reference")
    assert re.fullmatch(r"email-[0-9a-f]{12}", reference)
    assert sent == {
        "email_address": ADDRESS,
        "template_id": TEMPLATE_ID,
        "personalisation": {"subject": SUBJECT, "body": BODY},
        "email_reply_to_id": REPLY_TO_ID,
        "one_click_unsubscribe_url": LEAVE_URL,
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


def test_without_a_reply_to_or_an_https_leave_link_neither_is_sent(notify):
    plain_http = {"List-Unsubscribe": "<mailto:leave@example.org>, <http://insecure.example/x>"}

    assert _email(headers=plain_http).send() == 1

    sent = notify.requests[0]["json"]
    assert set(sent) == {"email_address", "template_id", "personalisation", "reference"}


def test_the_https_link_is_found_among_a_headers_other_ways_to_leave(notify):
    both = {"list-unsubscribe": f"<mailto:leave@example.org>, <{LEAVE_URL}>"}

    assert _email(headers=both).send() == 1

    assert notify.requests[0]["json"]["one_click_unsubscribe_url"] == LEAVE_URL


def test_each_recipient_gets_their_own_email(notify):
    email = _email(
        to=[ADDRESS, "Bea Other <bea@example.net>"],
        cc=["cal@example.net"],
        bcc=["dee@example.net", "ANN.CARER@example.net"],  # Ann already has hers
    )

    assert email.send() == 1

    assert [r["json"]["email_address"] for r in notify.requests] == [
        ADDRESS,
        "bea@example.net",
        "cal@example.net",
        "dee@example.net",
    ]
    assert len({r["json"]["reference"] for r in notify.requests}) == 1
    assert all(r["json"]["personalisation"]["body"] == BODY for r in notify.requests)


def test_a_batch_counts_each_message_taken_for_all_its_recipients(notify):
    backend = mail_notify.NotifyEmailBackend(fail_silently=True)
    one = _email()
    two = _email(to=["bea@example.net", "cal@example.net"])
    # Bea's is taken, Cal's refused: that message was not sent to everyone it was for.
    notify.replies = [notify.reply, notify.reply, (400, notify_error(400, "BadRequest", "x"))]

    assert backend.send_messages([one, two]) == 1
    assert len(notify.requests) == 3
    assert backend.send_messages([]) == 0


@pytest.mark.parametrize(
    ("status", "kind"), [(400, "ValidationError"), (500, "Exception"), (403, "AuthError")]
)
def test_a_refused_email_counts_as_not_sent_and_logs_no_address_or_words(
    notify, caplog, status, kind
):
    notify.reply = (status, notify_error(status, kind, f"email_address {ADDRESS} / {BODY}"))
    caplog.set_level(logging.DEBUG)

    assert get_connection(fail_silently=True).send_messages([_email()]) == 0

    [warning] = [r for r in caplog.records if r.name == "coproduce.core.mail_notify"]
    assert warning.levelno == logging.WARNING
    assert re.fullmatch(
        rf"GOV\.UK Notify did not send email email-[0-9a-f]{{12}}: {status} {kind}",
        warning.getMessage(),
    )
    _assert_nothing_personal_in(caplog)


def test_a_refusal_raises_an_oserror_unless_told_to_fail_silently(notify, caplog):
    """Every sender here catches OSError for a mail server that is down (smtplib's errors are
    OSErrors), so Notify refusing must reach them the same way, not as a quiet zero."""
    notify.reply = (400, notify_error(400, "ValidationError", ADDRESS))

    with pytest.raises(OSError, match=r"GOV\.UK Notify did not send email email-") as raised:
        _email().send()

    assert isinstance(raised.value, mail_notify.NotSentThroughNotify)
    assert ADDRESS not in str(raised.value)
    _assert_nothing_personal_in(caplog)


def test_a_notify_that_does_not_answer_in_time_costs_the_email_only(notify, caplog, monkeypatch):
    monkeypatch.setattr(mail_notify, "TIMEOUT_SECONDS", 0.2)
    notify.delay = 1
    caplog.set_level(logging.DEBUG)
    started = time.monotonic()

    assert get_connection(fail_silently=True).send_messages([_email()]) == 0

    assert time.monotonic() - started < 1
    messages = [r.getMessage() for r in caplog.records if r.name == "coproduce.core.mail_notify"]
    assert len(messages) == 1
    assert messages[0].endswith(": 503 (no error named)")
    _assert_nothing_personal_in(caplog)


def test_an_invitation_goes_without_its_calendar_entry(notify):
    """The date, time and place are in the words: the calendar entry is only a convenience."""
    email = _email()
    email.attach("meeting.ics", "BEGIN:VCALENDAR\nSUMMARY:Dementia carers panel\n", "text/calendar")

    assert get_connection().send_messages([email]) == 1
    assert len(notify.requests) == 1
    assert "VCALENDAR" not in json.dumps(notify.requests[0]["json"])


def test_an_email_with_an_attachment_is_not_sent_at_all(notify, caplog):
    caplog.set_level(logging.DEBUG)
    email = _email()
    email.attach("minutes.pdf", b"%PDF-1.7 Dementia carers panel", "application/pdf")

    assert get_connection(fail_silently=True).send_messages([email]) == 0
    with pytest.raises(mail_notify.NotSentThroughNotify):
        email.send()

    assert notify.requests == []
    warnings = [r.getMessage() for r in caplog.records if r.name == "coproduce.core.mail_notify"]
    assert len(warnings) == 2
    assert re.fullmatch(
        r"GOV\.UK Notify cannot send attachments: email email-[0-9a-f]{12} not sent \(1 attached\)",
        warnings[0],
    )
    _assert_nothing_personal_in(caplog)
    assert "minutes.pdf" not in caplog.text


def test_the_backend_refuses_to_start_without_a_key_or_template(settings):
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_EMAIL_TEMPLATE_ID = ""

    with pytest.raises(ImproperlyConfigured, match="NOTIFY_EMAIL_TEMPLATE_ID"):
        mail_notify.NotifyEmailBackend()


def test_a_message_with_no_one_to_send_to_sends_nothing(notify):
    assert mail_notify.NotifyEmailBackend().send_messages([EmailMessage(SUBJECT, BODY)]) == 0
    assert notify.requests == []


def _assert_nothing_personal_in(caplog):
    for record in caplog.records:
        logged = record.getMessage() + caplog.text
        for personal in (ADDRESS, "ann.carer", BODY, SUBJECT, "Dementia", "dementia"):
            assert personal not in logged


# Which email backend production settings choose: settings are read once, so in a fresh process.


def _settings_in_a_fresh_process(tmp_path, **env_vars) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "SMS_BACKEND", "EMAIL_BACKEND"}
        and not k.startswith("NOTIFY_")
    }
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qp" * 10,
            "ALLOWED_HOSTS": "coproduce.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'settings.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "coproduce.settings",
            "PYTHONPATH": "src",
            # A Notify key sends texts through Notify too (tests/core/test_sms_notify.py).
            "NOTIFY_SMS_TEMPLATE_ID": "f33517ff-2a88-4f6e-b855-c550268ce08a",
            **env_vars,
        }
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_sends_email_through_notify_when_chosen(tmp_path):
    key_file = tmp_path / "notify_key"
    key_file.write_text(API_KEY + "\n")

    result = _settings_in_a_fresh_process(
        tmp_path,
        EMAIL_BACKEND=BACKEND,
        NOTIFY_API_KEY_FILE=str(key_file),
        NOTIFY_EMAIL_TEMPLATE_ID=TEMPLATE_ID,
        NOTIFY_EMAIL_REPLY_TO_ID=REPLY_TO_ID,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == BACKEND


def test_production_keeps_its_mail_server_unless_notify_is_chosen(tmp_path):
    result = _settings_in_a_fresh_process(
        tmp_path, NOTIFY_API_KEY=API_KEY, NOTIFY_EMAIL_TEMPLATE_ID=TEMPLATE_ID
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("env_vars", "complaint"),
    [
        ({"NOTIFY_API_KEY": API_KEY}, "NOTIFY_EMAIL_TEMPLATE_ID must be the id"),
        (
            {"NOTIFY_API_KEY": API_KEY, "NOTIFY_EMAIL_TEMPLATE_ID": "Coproduce email"},
            "NOTIFY_EMAIL_TEMPLATE_ID must be the id",
        ),
        (
            {"NOTIFY_API_KEY": SECRET, "NOTIFY_EMAIL_TEMPLATE_ID": TEMPLATE_ID},
            "NOTIFY_API_KEY must be a whole Notify key",
        ),
        (
            {
                "NOTIFY_API_KEY": API_KEY,
                "NOTIFY_EMAIL_TEMPLATE_ID": TEMPLATE_ID,
                "NOTIFY_EMAIL_REPLY_TO_ID": "involvement@example.org",
            },
            "NOTIFY_EMAIL_REPLY_TO_ID must be the id",
        ),
    ],
    ids=["no-template", "template-name-not-id", "only-the-secret-pasted", "reply-to-address"],
)
def test_notify_email_with_a_malformed_key_or_template_fails_loudly(tmp_path, env_vars, complaint):
    result = _settings_in_a_fresh_process(tmp_path, EMAIL_BACKEND=BACKEND, **env_vars)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr
    assert SECRET not in result.stderr
