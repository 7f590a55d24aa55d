"""Papers as uploaded: a PDF, a Word document (.docx) or an OpenDocument text (.odt), no
bigger than MAX_BYTES, or refused with a message for the person saying why.

The kind is read from the file's first bytes, not its name. A Word file with macros
(vbaProject.bin) is refused, as is a PDF or document that is also a web page.

What is kept is never the file as sent: it is cleaned the one way every upload is
(coproduce.core.file_cleaning): a PDF is written again without its author metadata, scripts,
actions, attached files and forms; a Word or OpenDocument file without its document
properties (author, last modified by, dates …). Papers are only ever sent back as downloads
with a sandbox, never shown as a page (see views.open_paper)."""

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

from coproduce.core.file_cleaning import clean_document, clean_pdf

MAX_BYTES = 10 * 1024 * 1024
TYPES_IN_WORDS = "a PDF, a Word document (.docx) or an OpenDocument text (.odt)"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
HTML = re.compile(
    rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>/]|iframe[\s>/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CheckedPaper:
    kind: str
    size: int
    name: str
    # The cleaned file, which is what is kept.
    content: bytes


def _zip_kind(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValidationError(
                    "This Word document has macros in it, so we cannot accept it. Save it "
                    "again as a Word document (.docx) without macros, or as a PDF."
                )
            return "docx"
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            return "odt"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def check_paper(upload) -> CheckedPaper:
    """What kind of paper this is, cleaned to be kept, or a ValidationError saying what is
    wrong in words."""
    limit_mb = MAX_BYTES // (1024 * 1024)
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The paper must be smaller than {limit_mb} MB")
    if upload.size == 0:
        raise ValidationError("The file you chose is empty. Choose the paper again.")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    name = PurePath(upload.name or "paper").name[:200]
    if data.startswith(b"%PDF-"):
        if HTML.search(data):
            raise ValidationError(
                "This file is both a PDF and a web page, so we cannot accept it. "
                "Save the paper again as a PDF."
            )
        cleaned = clean_pdf(data, what="paper")
        return CheckedPaper("pdf", len(cleaned), name, cleaned)
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind:
            cleaned = clean_document(data, kind)
            return CheckedPaper(kind, len(cleaned), name, cleaned)
    raise ValidationError(f"The paper must be {TYPES_IN_WORDS}")
