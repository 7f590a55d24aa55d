"""The text of a PDF as a reader gets it, through pypdf: each page's text, words joined by
single spaces."""

import io

from pypdf import PdfReader


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, words joined by single spaces."""
    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))
