"""A document sent with a message (a PDF, and its Easy Read and large-print versions): chosen
on the message form with messages beside the field when it cannot be sent (too big for email,
not a PDF, a version without the document), kept cleaned, said on the check before sending,
and attached through a real SMTP server to each person in the version they need; people who
get a text get none."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.comms.lists import documents, services
from coproduce.comms.lists.models import Message
from coproduce.core import sms
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.papers import paper_pdf

pytestmark = pytest.mark.django_db


def _pdf(name: str, text: str, *, author: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, paper_pdf(text, author=author), "application/pdf")


def _words(message: str = "The café is back.") -> dict:
    return {"subject": "Café", "body": message}


def _page_text(content: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return pdf.pages[0].Contents.read_bytes()


def test_the_team_adds_a_document_and_its_easy_read_version(coordinator_client):
    made = mailing_list(consenting())
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {
            **_words(),
            "document": _pdf("Newsletter.pdf", "Winter newsletter", author="Jo Bloggs"),
            "easy_read_document": _pdf("Newsletter easy read.pdf", "Easy Read newsletter"),
        },
    )
    message = Message.objects.get()
    assert response.url == reverse("mailing:message_check", args=[message.pk])
    assert documents.display_name(message.document.name) == "Newsletter.pdf"
    kept = message.document.read()
    assert b"Winter newsletter" in _page_text(kept)
    assert b"Jo Bloggs" not in kept  # cleaned: no author metadata
    page = coordinator_client.get(response.url).content.decode()
    assert "Newsletter.pdf (Easy Read version: Newsletter_easy_read.pdf)" in page
    assert "People who get a text message do not get it." in page


@pytest.mark.parametrize(
    ("field", "upload", "words"),
    [
        (
            "document",
            SimpleUploadedFile("big.pdf", b"%PDF-1.7" + b"0" * documents.MAX_BYTES),
            "The document must be smaller than 5 MB, so that email can carry it.",
        ),
        (
            "document",
            SimpleUploadedFile("notes.docx", b"PK\x03\x04 a Word file"),
            "The document must be a PDF",
        ),
        (
            "large_print_document",
            SimpleUploadedFile("empty.pdf", b""),
            "The file you chose for the large-print version is empty",
        ),
    ],
)
def test_a_document_that_cannot_be_sent_is_refused_beside_its_field(
    coordinator_client, field, upload, words
):
    made = mailing_list(consenting())
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]), {**_words(), field: upload}
    )
    assert response.status_code == 200
    assert words in response.context["form"].errors[field][0]
    assert words in response.content.decode()
    assert not Message.objects.exists()


def test_a_version_needs_the_document_and_a_file_chosen_is_asked_for_again(coordinator_client):
    made = mailing_list(consenting())
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {"subject": "", "body": "Words", "easy_read_document": _pdf("easy.pdf", "Easy")},
    )
    errors = response.context["form"].errors
    assert errors["subject"] == ["Enter a subject"]
    assert errors["easy_read_document"] == [
        "Add the document too: this version goes to some people, the document to everyone else"
    ]
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {"subject": "", "body": "Words", "document": _pdf("news.pdf", "News")},
    )
    assert response.context["form"].errors["document"] == [
        "Choose this file again: files are not kept when there is a problem"
    ]
    assert not Message.objects.exists()


def test_changing_a_draft_keeps_replaces_or_removes_each_document(
    coordinator_client, django_capture_on_commit_callbacks
):
    made = mailing_list(consenting())
    coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {
            **_words(),
            "document": _pdf("first.pdf", "First"),
            "easy_read_document": _pdf("easy.pdf", "Easy"),
        },
    )
    message = Message.objects.get()
    first_easy = message.easy_read_document.name
    change = reverse("mailing:message_change", args=[message.pk])
    form = coordinator_client.get(change).content.decode()
    assert "Sent now: first.pdf" in form and "Remove easy.pdf" in form

    coordinator_client.post(change, _words("Changed words"))  # nothing chosen: both kept
    message.refresh_from_db()
    assert message.easy_read_document.name == first_easy
    assert documents.display_name(message.document.name) == "first.pdf"

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            change,
            {
                **_words(),
                "document": _pdf("second.pdf", "Second"),
                "remove_easy_read_document": "on",
            },
        )
    message.refresh_from_db()
    assert documents.display_name(message.document.name) == "second.pdf"
    assert not message.easy_read_document
    assert not message.easy_read_document.storage.exists(first_easy)


def test_each_person_gets_the_version_they_need_attached(
    smtp_server, settings, coordinator, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "coproduce.core.sms.OutboxBackend"
    sms.outbox.clear()
    people = [
        consenting(full_name="Ann Plain", email="ann@example.net"),
        consenting(
            full_name="Eve Easy", email="eve@example.net", communication_needs=["easy_read"]
        ),
        consenting(
            full_name="Len Large", email="len@example.net", communication_needs=["large_print"]
        ),
        consenting(full_name="Tia Text", preferred_channel="text", phone="+447700900456"),
    ]
    message = draft(mailing_list(*people), text_body="The café is back on Tuesday.")
    checked = {
        "document": documents.check(_pdf("News.pdf", "Standard news"), "document"),
        "easy_read_document": documents.check(
            _pdf("Easy news.pdf", "Easy Read news"), "easy_read_document"
        ),
    }
    message = services.save_message(
        actor=coordinator,
        mailing_list=message.mailing_list,
        values={},
        message=message,
        documents=checked,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(actor=coordinator, message=message, revision=message.revision)

    def attached(address):
        (email,) = [m for to, m in smtp_server.messages if to == [address]]
        files = list(email.iter_attachments())
        assert len(files) == 1, address
        assert files[0].get_content_type() == "application/pdf"
        assert (
            "We have attached a document to this email" in email.get_body(("plain",)).get_content()
        )
        return files[0].get_filename(), _page_text(files[0].get_content())

    name, text = attached("ann@example.net")
    assert name == "News.pdf" and b"Standard news" in text
    name, text = attached("eve@example.net")
    assert name == "Easy_news.pdf"  # as storage names it and b"Easy Read news" in text
    # No large-print version: large print gets the document.
    name, text = attached("len@example.net")
    assert name == "News.pdf" and b"Standard news" in text
    (texted,) = sms.outbox
    assert ".pdf" not in texted.body
