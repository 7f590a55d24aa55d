"""The Experts Report as a PDF, opened with real readers: its text in order (cover, contents
with page numbers, foreword, figures, case studies), tags for screen readers, its title and
language, A4 pages numbered, charts drawn as vectors, never a confidential work's title, and
a year with nothing in it saying so."""

import io
import re

import pikepdf
import pytest

from coproduce.impact.report import pdf, queries
from tests.impact.report.helpers import YEAR, chosen, known_sections, moment, outcome, report
from tests.welcome.pdf_text import page_texts, text_of

pytestmark = pytest.mark.django_db

A4_POINTS = (595.3, 841.9)


@pytest.fixture
def figures(monkeypatch):
    monkeypatch.setattr(queries, "_dashboard_sections", known_sections)


def _written():
    made = report(
        published=True,
        foreword="Thank you to every expert.\n\nYou changed how we work.",
        highlights=["Experts sat on 12 interview panels", "The crisis line was redesigned"],
    )
    work = outcome("Discharge letter", summary="The letter is now easy to read.")
    chosen(made, work, outcome("Crisis line menu"))
    return made


def _tags(document) -> dict[str, int]:
    tags: dict[str, int] = {}

    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            tags[str(node.S)] = tags.get(str(node.S), 0) + 1
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids)

    walk(document.Root.StructTreeRoot)
    return tags


def test_the_pdf_has_a_cover_contents_foreword_figures_and_case_studies_in_order(figures):
    _written()
    pages = page_texts(pdf.render(YEAR))
    assert "Experts Report 2024 to 2025" in pages[0]
    assert "1 April 2024 to 31 March 2025" in pages[0]
    assert "Published 1 May 2025" in pages[0] or "Published Thursday 1 May 2025" in pages[0]
    assert "Draft" not in pages[0]
    assert "Contents" in pages[1]
    text = " ".join(pages[2:])
    order = [
        "Thank you to every expert.",
        "You changed how we work.",
        "Experts sat on 12 interview panels",
        "Sessions and hours of involvement",
        "7 sessions and 31 hours of involvement.",
        "Sessions and hours by month",
        "April 2024 3 12",
        "Outcomes told back to experts",
        "What changed: case studies",
        "Discharge letter",
        "The letter is now easy to read.",
        "Discharge letter: what we did",
        "Crisis line menu",
    ]
    places = [text.find(words) for words in order]
    assert all(p >= 0 for p in places), dict(zip(order, places, strict=True))
    assert places == sorted(places)


def test_the_contents_give_the_page_of_each_part_and_every_page_after_the_cover_is_numbered(
    figures,
):
    _written()
    pages = page_texts(pdf.render(YEAR))
    total = len(pages)
    assert "Page" not in pages[0]
    for n, page in enumerate(pages[1:], start=2):
        assert f"Page {n} of {total}" in page
    contents = pages[1]
    case_page = next(
        n for n, p in enumerate(pages, start=1) if n > 2 and "What changed: case studies" in p
    )
    # "What changed: case studies ........ 6": the title, dot leaders, then its page.
    squeezed = contents.replace(" ", "")
    assert re.search(rf"Whatchanged:casestudies\.+{case_page}(?!\d)", squeezed), contents


def test_the_pdf_is_tagged_a4_titled_in_english_with_charts_as_vectors(figures):
    _written()
    with pikepdf.open(io.BytesIO(pdf.render(YEAR))) as document:
        root = document.Root
        assert root.MarkInfo.Marked
        assert str(root.Lang) == "en-GB"
        assert str(document.docinfo.Title) == "Experts Report 2024 to 2025"
        tags = _tags(document)
        for page in document.pages:
            box = [float(v) for v in page.MediaBox]
            assert (round(box[2], 1), round(box[3], 1)) == A4_POINTS
            # Charts are drawn, not pasted in as pictures.
            resources = page.obj.get("/Resources", {})
            images = [
                x
                for x in (resources.get("/XObject") or {}).values()
                if x.get("/Subtype") == "/Image"
            ]
            assert not images
    assert tags.get("/H1") == 1
    assert tags.get("/H2", 0) >= 4
    assert tags.get("/H3", 0) >= 4
    assert tags.get("/Table", 0) == 2
    assert tags.get("/TH", 0) >= 5


def test_a_draft_says_so_on_its_cover_and_in_its_title(figures):
    report()
    pdf_bytes = pdf.render(YEAR)
    assert "Draft: not for publication" in page_texts(pdf_bytes)[0]
    with pikepdf.open(io.BytesIO(pdf_bytes)) as document:
        assert str(document.docinfo.Title) == "Experts Report 2024 to 2025 (draft)"


def test_confidential_work_never_appears_even_if_it_became_confidential_after_it_was_chosen(
    figures,
):
    made = report(published=True)
    secret = outcome("Review of the death of a patient")
    chosen(made, secret, outcome("Carers' café"))
    secret.opportunity.confidential = True
    secret.opportunity.save()
    text = text_of(pdf.render(YEAR))
    assert "Carers' café".replace("'", "’") in text.replace("'", "’")
    assert "Review of the death" not in text


def test_a_year_with_nothing_in_it_says_so_and_still_renders():
    report(2019, published=True)
    text = text_of(pdf.render(2019))
    assert "Experts Report 2019 to 2020" in text
    assert "No sessions were held and no outcomes were recorded" in text
    assert "There are no case studies in this report." in text


def test_a_year_with_no_report_written_still_renders_as_a_draft():
    outcome("Something", recorded=moment(2021, 5, 5))
    text = text_of(pdf.render(2021))
    assert "Draft: not for publication" in text
    assert "No sessions were held and no outcomes were recorded" not in text
    # The dashboard's own figures are there.
    assert "Outcomes recorded and told back" in text
