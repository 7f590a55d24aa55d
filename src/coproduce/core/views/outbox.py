"""Development only: the emails and text messages the site has 'sent', so a demo can sign in
by code and see what experts are told."""

import email
from email import policy

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.core import sms
from coproduce.core.formats import date_time, phone


def _outbox_enabled() -> bool:
    return settings.DEBUG and settings.EMAIL_BACKEND == "coproduce.core.mail.OutboxBackend"


def _read(path) -> dict:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    return {
        "id": path.stem,
        "to": message["To"],
        "subject": message["Subject"],
        "date": message["Date"],
        "body": body.get_content() if body else "",
    }


def outbox(request: HttpRequest) -> HttpResponse:
    if not _outbox_enabled():
        raise Http404
    folder = settings.OUTBOX_DIR
    paths = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True)
    messages = [_read(p) for p in paths[:50]] if folder.exists() else []
    texts = [
        {"to": phone(text.to), "sent": date_time(text.sent_at), "body": text.body}
        for text in sms.kept_texts(limit=50)
    ]
    return render(request, "core/outbox.jinja", {"messages_sent": messages, "texts_sent": texts})


def outbox_message(request: HttpRequest, message_id: str) -> HttpResponse:
    if not _outbox_enabled():
        raise Http404
    path = settings.OUTBOX_DIR / f"{message_id}.eml"
    if not message_id.isalnum() or not path.exists():
        raise Http404
    return render(request, "core/outbox_message.jinja", {"message": _read(path)})
