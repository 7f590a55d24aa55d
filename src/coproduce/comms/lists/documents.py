"""Documents sent with a message: a PDF (a newsletter, minutes, a consultation paper) and,
optionally, its Easy Read and large-print versions, each sent to the people who need that
version (audience.py decides who gets which). PDF only: every mail program opens it, and it is
cleaned the one way every upload is (coproduce.core.file_cleaning), so what is kept and sent
has no scripts, attached files or author metadata.

Emails carry a document as an attachment, so each is limited to MAX_BYTES: many mail servers
refuse a message over 10 MB, and the encoding for email adds a third. People who get the
message as a text get no document (the check before sending says so)."""

from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

from coproduce.comms.lists.models import Message, Version
from coproduce.core.file_cleaning import clean_pdf
from coproduce.people.choices import CommunicationNeed

MAX_BYTES = 5 * 1024 * 1024
CONTENT_TYPE = "application/pdf"
WHICH = {
    "document": "the document",
    "easy_read_document": "the Easy Read version",
    "large_print_document": "the large-print version",
}


@dataclass(frozen=True)
class CheckedDocument:
    name: str
    content: bytes


def check(upload, field: str) -> CheckedDocument:
    """The upload, cleaned to be kept, or a ValidationError saying what is wrong in words."""
    which = WHICH[field]
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"{which.capitalize()} must be smaller than {MAX_BYTES // (1024 * 1024)} MB, so "
            "that email can carry it. Save it again with smaller pictures, or split it."
        )
    if upload.size == 0:
        raise ValidationError(f"The file you chose for {which} is empty. Choose it again.")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(f"{which.capitalize()} must be a PDF")
    name = PurePath(upload.name or "document.pdf").name[:100]
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return CheckedDocument(name=name, content=clean_pdf(data, what="document"))


def field_for(message: Message, version: str, needs: list[str]) -> str | None:
    """Which document a copy carries: the Easy Read or large-print version for a person who
    needs it, when the message has one (whatever version of the words they get: without
    Easy Read words, Easy Read readers get the message in large type), else the document;
    none for a text message or a message without a document."""
    if version == Version.TEXT or not message.document:
        return None
    for need, field in (
        (CommunicationNeed.EASY_READ, "easy_read_document"),
        (CommunicationNeed.LARGE_PRINT, "large_print_document"),
    ):
        if need in needs and getattr(message, field):
            return field
    return "document"


def attachment(message: Message, version: str, needs: list[str]) -> tuple[str, bytes, str] | None:
    """The (file name, content, type) to attach to a copy, read from storage once for each
    message and kept on it while its copies are sent."""
    field = field_for(message, version, needs)
    if field is None:
        return None
    kept: dict[str, tuple[str, bytes, str]] = message.__dict__.setdefault("_documents", {})
    if field not in kept:
        stored = getattr(message, field)
        with stored.open("rb") as handle:
            kept[field] = (display_name(stored.name), handle.read(), CONTENT_TYPE)
    return kept[field]


def display_name(stored_name: str) -> str:
    """The file name as the person chose it: kept as <number>-<name> in storage."""
    name = PurePath(stored_name).name
    prefix, _, rest = name.partition("-")
    return rest if prefix.isdigit() and rest else name


def described(message: Message) -> str:
    """The documents on a message, in words for the check before sending ("" for none)."""
    if not message.document:
        return ""
    words = display_name(message.document.name)
    versions = [
        f"{label}: {display_name(getattr(message, field).name)}"
        for field, label in (
            ("easy_read_document", "Easy Read version"),
            ("large_print_document", "large-print version"),
        )
        if getattr(message, field)
    ]
    if versions:
        words += " (" + "; ".join(versions) + ")"
    return words + ". People who get a text message do not get it."
