"""The welcome pack as a PDF, opened with real readers: its text, its tags for screen readers,
A4 pages, large print set bigger, Easy Read wording, and never a confidential meeting."""

import io
import re

import pikepdf
import pytest

from coproduce.welcome import queries
from coproduce.welcome.content import pack_for, shared_content
from coproduce.welcome.pdf import packs_pdf
from tests.factories import ExpertFactory
from tests.welcome.helpers import HIDDEN_TITLE, world
from tests.welcome.pdf_text import page_texts, text_of

pytestmark = pytest.mark.django_db

A4_POINTS = (595.28, 841.89)


def _pdf(fmt: str = queries.STANDARD, expert=None) -> bytes:
    expert = expert or ExpertFactory(full_name="Priya Shah", preferred_name="Priya")
    return packs_pdf([pack_for(expert, fmt, shared_content())])


def _text(pdf: bytes) -> str:
    return text_of(pdf)


def _font_sizes(pdf: bytes) -> list[float]:
    """Every font size set in the pages' content (the Tf operator)."""
    sizes = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    sizes.append(float(operands[1]))
    return sizes


def _body_size(pdf: bytes) -> float:
    """The size most text is set in, in points. WeasyPrint draws in CSS pixels (its pages
    are scaled by 0.75 to points), so a font set at 12pt shows as 16 in the content."""
    sizes = _font_sizes(pdf)
    return max(set(sizes), key=sizes.count) * 0.75


def test_the_pack_pdf_has_every_section_the_rates_places_and_meetings_on_a4():
    w = world()
    pdf = _pdf()
    text = _text(pdf)
    for words in (
        "Welcome pack for Priya Shah",
        "Dear Priya,",
        "Your role and why your experience matters",
        "How you fit into",
        "Carers' Expert Panel",
        "Meetings in the year ahead",
        "Carers' panel meeting",
        "Designing the new carers' café",
        "Money for your time and travel",
        "£15.00 for each hour",
        "£0.45 for each mile",
        "Shirehall",
        w.venue.parking,
        "Meetings and our code of conduct",
        "how to raise a concern",
        "Who to contact",
    ):
        assert words.replace("’", "'") in text.replace("’", "'"), words
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            box = [float(v) for v in page.MediaBox]
            assert (round(box[2], 1), round(box[3], 1)) == (
                round(A4_POINTS[0], 1),
                round(A4_POINTS[1], 1),
            )


def test_the_pdf_is_tagged_with_headings_a_title_a_language_and_the_picture_described():
    world()
    with pikepdf.open(io.BytesIO(_pdf())) as document:
        root = document.Root
        assert root.MarkInfo.Marked
        assert str(root.Lang) == "en-GB"
        assert str(document.docinfo.Title) == "Welcome pack for Priya Shah"
        tags: dict[str, int] = {}
        alts = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                tags[str(node.S)] = tags.get(str(node.S), 0) + 1
                if "/Alt" in node:
                    alts.append(str(node.Alt))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)

        walk(root.StructTreeRoot)
    assert tags.get("/H1") == 1
    assert tags.get("/H2", 0) >= 9
    assert tags.get("/L", 0) >= 3
    assert tags.get("/Figure", 0) >= 1
    assert any("How you fit into" in alt for alt in alts)


def test_large_print_sets_the_same_words_bigger():
    world()
    standard, large = _pdf(queries.STANDARD), _pdf(queries.LARGE_PRINT)
    assert _body_size(standard) == pytest.approx(12, abs=0.5)
    assert _body_size(large) >= 17.5
    assert "Your role and why your experience matters" in _text(large)


def test_easy_read_uses_the_easy_read_wording():
    world()
    text = _text(_pdf(queries.EASY_READ))
    assert "Welcome, Priya" in text
    assert "You choose what you do." in text
    assert "As an Expert by Experience you will" not in text
    assert _body_size(_pdf(queries.EASY_READ)) >= 14.5


def test_a_confidential_investigation_is_never_in_the_pack():
    world()
    for fmt in queries.FORMATS:
        assert HIDDEN_TITLE not in _text(_pdf(fmt))


def test_many_packs_each_start_on_a_new_page_and_the_document_stays_tagged():
    world()
    shared = shared_content()
    packs = [
        pack_for(ExpertFactory(full_name=f"Person Number{i}"), fmt, shared)
        for i, fmt in enumerate(queries.FORMATS)
    ]
    seen = []
    pdf = packs_pdf(packs, progress=seen.append)
    assert seen == [1, 2, 3]
    starts = [
        i
        for i, page in enumerate(page_texts(pdf))
        if re.search(r"Welcome(,| pack for) Person", page)
    ]
    assert len(starts) == 3
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked
        assert str(document.docinfo.Title) == "3 welcome packs"
        assert "/StructTreeRoot" in document.Root
