"""A mailing list message sent through GOV.UK Notify (a real local stand-in for its API), then
Notify's delivery receipt posted back: an email it could not deliver is marked bounced against
the person, in plain words; only a request with the service's bearer token is believed, and
without a token set the address does not exist. Notify refusing an email marks that copy failed.
"""

import json
import logging
import secrets
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.comms.lists import sending, services
from coproduce.comms.lists.models import Delivery
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.core.fake_notify import API_KEY, notify_error, running_fake_notify

pytestmark = pytest.mark.django_db

TEMPLATE_ID = "0f6a3d5c-54b2-4a55-9d33-7a1d2cfb6a10"
ANN = "ann@example.net"


@pytest.fixture
def notify(settings):
    with running_fake_notify() as server:
        settings.EMAIL_BACKEND = "coproduce.core.mail_notify.NotifyEmailBackend"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_EMAIL_REPLY_TO_ID = ""
        settings.NOTIFY_BASE_URL = server.url
        settings.SITE_URL = "https://coproduce.example.org"
        yield server


@pytest.fixture
def token(settings) -> str:
    settings.NOTIFY_CALLBACK_TOKEN = secrets.token_urlsafe(32)
    return settings.NOTIFY_CALLBACK_TOKEN


@pytest.fixture
def sent(notify, coordinator, django_capture_on_commit_callbacks):
    """A list message sent through Notify to Ann and to Bob."""
    ann, bob = consenting(email=ANN), consenting(email="bob@example.net")
    message = draft(mailing_list(ann, bob))
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(actor=coordinator, message=message, revision=message.revision)
    return {d.expert.email: d for d in Delivery.objects.select_related("expert")}


def _receipt(status: str = "permanent-failure", to: str = ANN, **fields) -> dict:
    # Notify's callback for an email, as its documentation gives it.
    return {
        "id": str(uuid.uuid4()),
        "reference": "email-0123456789ab",
        "to": to,
        "status": status,
        "created_at": "2026-12-03T10:00:00.000000Z",
        "completed_at": "2026-12-03T10:00:05.000000Z",
        "sent_at": "2026-12-03T10:00:01.000000Z",
        "notification_type": "email",
        "template_id": TEMPLATE_ID,
        "template_version": 1,
        **fields,
    }


def _post(body, authorization: str | None):
    # CSRF checked as for a browser: Notify's servers have no token, so the view must not ask.
    client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": authorization} if authorization is not None else {}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        reverse("mailing:notify_delivery_receipt"),
        data=data,
        content_type="application/json",
        headers=headers,
    )


def _statuses() -> dict[str, tuple[str, str]]:
    return {d.expert.email: (d.status, d.error) for d in Delivery.objects.select_related("expert")}


def test_the_list_message_went_through_notify_with_its_leave_link(sent, notify):
    assert {d.status for d in sent.values()} == {Delivery.Status.SENT}
    by_address = {r["json"]["email_address"]: r["json"] for r in notify.requests}
    assert set(by_address) == {ANN, "bob@example.net"}
    assert by_address[ANN]["personalisation"]["subject"] == "Carers' café is back"
    assert "The carers' café meets again on Tuesday." in by_address[ANN]["personalisation"]["body"]
    assert by_address[ANN]["one_click_unsubscribe_url"].startswith(
        "https://coproduce.example.org/mailing/leave/"
    )


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("permanent-failure", "The address does not exist"),
        ("temporary-failure", "The inbox was full or unavailable"),
    ],
)
def test_an_email_notify_could_not_deliver_is_marked_bounced_in_plain_words(
    sent, token, caplog, status, reason
):
    caplog.set_level(logging.INFO)

    response = _post(_receipt(status, to="Ann@Example.net"), f"Bearer {token}")

    assert response.status_code == 204
    assert _statuses() == {
        ANN: (Delivery.Status.BOUNCED, reason),
        "bob@example.net": (Delivery.Status.SENT, ""),
    }
    assert "ann@" not in caplog.text.lower()
    assert token not in caplog.text


@pytest.mark.parametrize("status", ["delivered", "technical-failure"])
def test_a_delivered_email_or_notifys_own_failure_changes_nothing(sent, token, caplog, status):
    receipt = _receipt(status)

    response = _post(receipt, f"Bearer {token}")

    assert response.status_code == 204
    assert {s for s, _ in _statuses().values()} == {Delivery.Status.SENT}
    if status == "technical-failure":
        assert f"technical failure sending email {receipt['id']}" in caplog.text
        assert ANN not in caplog.text


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer not-the-token", "Basic {token}", "{token}", "Bearer {token}x"],
    ids=["none", "empty", "no-token", "wrong", "basic", "no-scheme", "longer"],
)
def test_a_receipt_without_the_right_token_is_refused_and_changes_nothing(
    sent, token, authorization
):
    given = authorization.format(token=token) if authorization is not None else None

    response = _post(_receipt(), given)

    assert response.status_code == 403
    assert {s for s, _ in _statuses().values()} == {Delivery.Status.SENT}


def test_without_a_token_set_the_address_does_not_exist(sent, settings):
    settings.NOTIFY_CALLBACK_TOKEN = ""

    response = _post(_receipt(), "Bearer ")

    assert response.status_code == 404
    assert {s for s, _ in _statuses().values()} == {Delivery.Status.SENT}


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe",
        "[]",
        json.dumps({"status": "permanent-failure", "notification_type": "email"}),
        json.dumps(_receipt(to=None)),
        json.dumps(_receipt(id="<script>")),
        json.dumps(_receipt(notification_type="carrier pigeon")),
    ],
    ids=["not-json", "not-text", "a-list", "no-address", "address-null", "id-not-notifys", "kind"],
)
def test_a_body_that_is_not_a_notify_receipt_is_refused(sent, token, body):
    response = _post(body, f"Bearer {token}")

    assert response.status_code == 400
    assert response.content.decode() == "This is not a GOV.UK Notify delivery receipt."
    assert {s for s, _ in _statuses().values()} == {Delivery.Status.SENT}


def test_only_a_post_is_a_receipt(token):
    response = Client().get(
        reverse("mailing:notify_delivery_receipt"), headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 405


def test_an_email_notify_refuses_marks_that_copy_failed(
    notify, coordinator, django_capture_on_commit_callbacks, caplog
):
    ann, bob = consenting(email=ANN), consenting(email="bob@example.net")
    message = draft(mailing_list(ann, bob))
    notify.replies = [(400, notify_error(400, "ValidationError", ANN))]

    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(actor=coordinator, message=message, revision=message.revision)

    statuses = _statuses()
    assert sorted(statuses.values()) == [
        (Delivery.Status.FAILED, sending.NOT_DELIVERED),
        (Delivery.Status.SENT, ""),
    ]
    assert ANN not in caplog.text
