"""The one way an uploaded file is cleaned (coproduce.core.file_cleaning), used by receipts
and confidential papers alike: nothing says who made the file or when."""

import io
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError

from coproduce.core import file_cleaning
from coproduce.core.file_cleaning import clean_document, clean_pdf
from coproduce.payments.receipt_files import clean_receipt
from tests.papers import paper_docx, paper_pdf, paper_upload


def test_a_pdf_keeps_its_pages_and_title_and_loses_who_made_it():
    cleaned = clean_pdf(paper_pdf("Ward 7 timeline", author="Sam Author"))
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Ward 7 timeline"}
        assert "/Metadata" not in pdf.Root
    assert b"Sam Author" not in cleaned


def test_a_receipt_pdf_loses_its_author_too():
    kept = clean_receipt(paper_upload("pdf", "Bus ticket", author="Sam Author")).read()
    assert b"Sam Author" not in kept
    assert kept.startswith(b"%PDF-")


def test_too_many_pages_are_refused_in_the_callers_words():
    with pytest.raises(ValidationError) as refused:
        clean_pdf(paper_pdf(), what="receipt", max_pages=0, instead="or take a photo.")
    assert refused.value.messages == [
        "This PDF has 1 page. A receipt can have at most 0: save only the pages you need as "
        "a new PDF, or take a photo."
    ]


def test_a_document_loses_its_properties_and_dates():
    cleaned = clean_document(paper_docx("Notes", author="Sam Author"), "docx")
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        assert b"Sam Author" not in archive.read("docProps/core.xml")
        assert b"Sam Author" not in archive.read("docProps/app.xml")
        assert b"Notes" in archive.read("word/document.xml")


def test_a_document_far_bigger_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(file_cleaning, "MAX_UNPACKED_BYTES", 10)
    with pytest.raises(ValidationError, match="too big once opened"):
        clean_document(paper_docx("Notes"), "docx")
