"""Sending a message to a list through a real SMTP server (and the text outbox): each person
gets their own version by their own channel, a carer is copied in, the one-click leave headers
are there, a refused address or a mail server that is down marks that copy failed with why and
the rest carry on, everyone is checked again as their copy goes, and a message is sent once."""

import socket

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.comms.lists import audience, sending, services
from coproduce.comms.lists.models import Delivery, Member, Message
from coproduce.comms.lists.tasks import CARER_NO_LONGER, LEFT_THE_LIST, send_message
from coproduce.core import sms
from coproduce.people.choices import Status
from tests.comms.lists.helpers import consenting, draft, mailing_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts(settings):
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"
    sms.outbox.clear()
    return sms.outbox


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def _send(actor, message, capture):
    with capture(execute=True):
        return services.queue_message(actor=actor, message=message, revision=message.revision)


def test_each_person_gets_their_own_version_by_their_own_channel(
    smtp_server, texts, coordinator, django_capture_on_commit_callbacks
):
    ann = consenting(full_name="Ann Plain", email="ann@example.net")
    eve = consenting(
        full_name="Eve Easy", email="eve@example.net", communication_needs=["easy_read"]
    )
    len_ = consenting(
        full_name="Len Large", email="len@example.net", communication_needs=["large_print"]
    )
    cal = consenting(
        full_name="Cal Carer",
        preferred_name="Cal",
        email="cal@example.net",
        communication_needs=["carer_copy"],
        carer_name="Sam",
        carer_email="sam@example.net",
    )
    tia = consenting(full_name="Tia Text", preferred_channel="text", phone="+447700900456")
    pat = consenting(full_name="Pat Phone", email="pat@example.net", preferred_channel="phone")
    made = mailing_list(ann, eve, len_, cal, tia, pat)
    message = draft(
        made,
        easy_read_body="The carers' café is back.\n\nIt is on Tuesday.",
        text_body="The carers' café is back on Tuesday.",
    )
    sent = _send(coordinator, message, django_capture_on_commit_callbacks)
    assert sent.total == 6  # five people and one carer; Pat prefers a phone call

    (plain,) = _to(smtp_server, "ann@example.net")
    assert plain["Subject"] == "Carers' café is back"
    assert "The carers' café meets again on Tuesday." in plain.get_body(("plain",)).get_content()
    assert "font-size:19px" in plain.get_body(("html",)).get_content()
    (easy,) = _to(smtp_server, "eve@example.net")
    assert "It is on Tuesday." in easy.get_body(("plain",)).get_content()
    assert "meets again" not in easy.get_body(("plain",)).get_content()
    assert "font-size:28px" in easy.get_body(("html",)).get_content()
    (large,) = _to(smtp_server, "len@example.net")
    html = large.get_body(("html",)).get_content()
    assert "font-size:28px" in html and "meets again on Tuesday" in html
    (carer,) = _to(smtp_server, "sam@example.net")
    assert carer["Subject"] == "Copy for Cal: Carers' café is back"
    assert carer["List-Unsubscribe"] is None  # the carer is not on the list
    assert "Cal asked us to send you a copy" in carer.get_body(("plain",)).get_content()
    assert _to(smtp_server, "pat@example.net") == []
    assert len(smtp_server.messages) == 5
    (text,) = [t for t in texts if t.to == "+447700900456"]
    assert text.body.startswith("Coproduce Partnership: The carers' café is back on Tuesday.")
    assert "/mailing/leave/" in text.body

    got = {
        (d.expert.full_name, d.to_carer): (d.channel, d.version, d.status, d.error)
        for d in Delivery.objects.select_related("expert")
    }
    assert got == {
        ("Ann Plain", False): ("email", "standard", "sent", ""),
        ("Eve Easy", False): ("email", "easy_read", "sent", ""),
        ("Len Large", False): ("email", "large_print", "sent", ""),
        ("Cal Carer", False): ("email", "standard", "sent", ""),
        ("Cal Carer", True): ("email", "standard", "sent", ""),
        ("Tia Text", False): ("text", "text", "sent", ""),
    }
    sent.refresh_from_db()
    assert sent.state == Message.State.SENT and sent.finished_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.MESSAGE_SENT)
    assert event.subject_id == str(made.pk) and event.changes == {"recipients": [None, 6]}


def test_the_one_click_leave_headers_work_without_signing_in_or_a_csrf_token(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    ann = consenting(email="ann@example.net")
    made = mailing_list(ann)
    _send(coordinator, draft(made), django_capture_on_commit_callbacks)
    (email,) = smtp_server.messages[0][1:]
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = email["List-Unsubscribe"].strip().strip("<>")
    assert url.startswith("http") and "/mailing/leave/" in url
    path = url.split("://", 1)[1].split("/", 1)[1]
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        "/" + path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Member.objects.filter(mailing_list=made, expert=ann).exists()
    left = AuditEvent.objects.get(action=AuditEvent.Action.MAILING_LIST_LEFT)
    assert left.subject_id == str(ann.pk) and left.actor is None


class RefusingInbox:
    """A real SMTP server that refuses mail for one address, as a server does for a mailbox
    that does not exist."""

    def __init__(self, refused: str):
        self.refused = refused
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


@pytest.fixture
def refusing_server(settings):
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = RefusingInbox("gone@example.net")
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def test_a_refused_address_is_marked_failed_with_why_and_the_rest_are_sent(
    refusing_server, coordinator, django_capture_on_commit_callbacks
):
    first = consenting(full_name="Abe First", email="abe@example.net")
    gone = consenting(full_name="Bo Gone", email="gone@example.net")
    last = consenting(full_name="Cy Last", email="cy@example.net")
    _send(coordinator, draft(mailing_list(first, gone, last)), django_capture_on_commit_callbacks)
    status = {d.expert_id: (d.status, d.error) for d in Delivery.objects.all()}
    assert status[gone.pk] == ("failed", sending.REFUSED)
    assert status[first.pk] == status[last.pk] == ("sent", "")
    assert refusing_server.messages == [["abe@example.net"], ["cy@example.net"]]


def test_with_the_mail_server_down_every_email_is_marked_failed_and_the_message_finishes(
    settings, coordinator, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    message = draft(mailing_list(consenting(), consenting()))
    _send(coordinator, message, django_capture_on_commit_callbacks)
    assert set(Delivery.objects.values_list("status", "error")) == {
        ("failed", sending.NOT_DELIVERED)
    }
    message.refresh_from_db()
    assert message.state == Message.State.SENT


def test_a_text_the_gateway_does_not_take_is_marked_failed(
    settings, coordinator, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "coproduce.core.sms.NoGatewayBackend"
    texter = consenting(preferred_channel="text")
    _send(
        coordinator,
        draft(mailing_list(texter), text_body="Hello"),
        django_capture_on_commit_callbacks,
    )
    assert Delivery.objects.get().error == sending.TEXT_NOT_DELIVERED


def test_everyone_is_checked_again_as_their_copy_goes(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    keeps = consenting(full_name="Kit Keeps", email="kit@example.net")
    leaves = consenting(full_name="Lou Leaves", email="lou@example.net")
    stops = consenting(full_name="Sol Stops", email="sol@example.net")
    restricted = consenting(full_name="Rae Restricted", email="rae@example.net")
    phones = consenting(full_name="Pam Phones", email="pam@example.net")
    carer = consenting(
        full_name="Cas Carer",
        email="cas@example.net",
        communication_needs=["carer_copy"],
        carer_email="helper@example.net",
    )
    made = mailing_list(keeps, leaves, stops, restricted, phones, carer)
    message = draft(made)
    with django_capture_on_commit_callbacks(execute=False):  # queued; the worker has not run
        services.queue_message(actor=coordinator, message=message, revision=message.revision)
    assert Delivery.objects.count() == 7
    services.leave_list(expert=leaves, mailing_list=made)
    stops.status = Status.LEFT
    stops.save()
    restricted.restricted_at = timezone.now()
    restricted.save()
    phones.preferred_channel = "phone"
    phones.save()
    carer.communication_needs = []
    carer.save()

    assert send_message.call(message.pk) == 2
    assert sorted(to[0] for to, m in smtp_server.messages) == ["cas@example.net", "kit@example.net"]
    why = {(d.expert_id, d.to_carer): (d.status, d.error) for d in Delivery.objects.all()}
    assert why[(leaves.pk, False)] == ("not_sent", LEFT_THE_LIST)
    assert why[(stops.pk, False)] == ("not_sent", audience.REASONS[audience.DO_NOT_CONTACT])
    assert why[(restricted.pk, False)] == ("not_sent", audience.REASONS[audience.RESTRICTED])
    assert why[(phones.pk, False)] == ("not_sent", audience.REASONS[audience.PREFERS_PHONE])
    assert why[(carer.pk, True)] == ("not_sent", CARER_NO_LONGER)
    # Run again (a worker restarted): nothing is sent twice.
    assert send_message.call(message.pk) == 0
    assert len(smtp_server.messages) == 2


def test_a_message_is_sent_once_however_often_send_is_pressed(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    message = draft(mailing_list(consenting(), consenting()))
    _send(coordinator, message, django_capture_on_commit_callbacks)
    with pytest.raises(services.NotSent, match="already been sent"):
        _send(coordinator, message, django_capture_on_commit_callbacks)
    assert Delivery.objects.count() == 2
    assert len(smtp_server.messages) == 2
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MESSAGE_SENT).count() == 1


def test_a_message_changed_after_it_was_checked_is_not_sent(coordinator):
    message = draft(mailing_list(consenting()))
    checked = message.revision
    services.save_message(
        actor=coordinator,
        mailing_list=message.mailing_list,
        values={"body": "Changed words"},
        message=message,
    )
    with pytest.raises(services.NotSent, match="changed after you checked"):
        services.queue_message(actor=coordinator, message=message, revision=checked)
    assert not Delivery.objects.exists()
    message.refresh_from_db()
    assert message.state == Message.State.DRAFT


@pytest.mark.parametrize(
    ("members", "values", "said"),
    [
        (0, {}, "Nobody on this list would get this message"),
        (1, {"body": ""}, "The message is empty"),
        (1, {"subject": " "}, "The message is empty"),
    ],
)
def test_nothing_is_sent_or_half_made_for_an_empty_message_or_an_empty_list(
    coordinator, members, values, said
):
    made = mailing_list(*[consenting() for _ in range(members)])
    message = draft(made, **values)
    with pytest.raises(services.NotSent, match=said):
        services.queue_message(actor=coordinator, message=message, revision=message.revision)
    assert not Delivery.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MESSAGE_SENT).exists()


def test_a_bounce_is_recorded_against_the_person(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    ann = consenting(email="ann@example.net")
    other = consenting(email="other@example.net")
    _send(coordinator, draft(mailing_list(ann, other)), django_capture_on_commit_callbacks)
    call_command("record_bounce", "ANN@example.net", "--reason", "550 Mailbox full")
    bounced = Delivery.objects.get(expert=ann)
    assert (bounced.status, bounced.error) == ("bounced", "550 Mailbox full")
    assert Delivery.objects.get(expert=other).status == "sent"
    assert services.record_bounce(address="nobody@example.net") == 0
