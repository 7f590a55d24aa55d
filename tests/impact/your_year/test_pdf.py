"""The two PDFs of an expert's year, opened with real readers: their text, tags for screen
readers, language and title; Easy Read set large with a described picture beside each key
point; confidential work never named; an empty year still made; a busy year made fast."""

import io
import time

import pikepdf
import pytest

from coproduce.impact.your_year import pdf, queries
from coproduce.impact.your_year.presenters import summary_for
from tests.core.pdf_helpers import info_title, is_tagged, language
from tests.factories import ExpertFactory
from tests.impact.your_year.helpers import (
    HIDDEN_OUTCOME,
    HIDDEN_TITLE,
    YEAR,
    busy_year,
    many_sessions,
)
from tests.speed import limit
from tests.welcome.pdf_text import text_of

pytestmark = pytest.mark.django_db


def _pdf(expert, *, easy_read=False, year=YEAR) -> bytes:
    return pdf.render(summary_for(queries.year_of(expert, year), shared=True), easy_read=easy_read)


def _tags(document) -> tuple[dict[str, int], list[str]]:
    tags: dict[str, int] = {}
    alts: list[str] = []

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

    walk(document.Root.StructTreeRoot)
    return tags, alts


def _body_size(made: bytes) -> float:
    sizes = []
    with pikepdf.open(io.BytesIO(made)) as document:
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    sizes.append(float(operands[1]))
    return max(set(sizes), key=sizes.count) * 0.75


def test_the_summary_says_what_they_did_their_hours_changes_thanks_and_payments():
    expert = ExpertFactory(full_name="Ann Other", preferred_name="Ann")
    busy_year(expert)
    made = _pdf(expert)
    text = text_of(made).replace("’", "'")
    for words in (
        "Your year with Coproduce Partnership",
        "Ann Other · April 2024 to March 2025",
        "You came to 5 sessions and gave 11 hours of your time.",
        "Interviews for a ward manager",
        "Interview panel member — 3 times",
        "Safeguarding adults",
        "We added a quiet room",
        "Thank you, Ann.",
        "£79.90",
        "£12.40",
        "This is a record of payments made to you, for you or your benefits adviser. It is "
        "not advice",
    ):
        assert words in text, words
    assert "Last year's panel" not in text
    assert "Next year's panel" not in text
    assert "£60.00" not in text and "£45.00" not in text


def test_confidential_work_is_never_named_in_either_pdf_but_its_date_and_hours_are_there():
    expert = ExpertFactory()
    busy_year(expert)
    for easy_read in (False, True):
        text = text_of(_pdf(expert, easy_read=easy_read))
        assert HIDDEN_TITLE not in text
        assert HIDDEN_OUTCOME not in text
        assert "Ward 7" not in text
        assert "Confidential work (details not shared)" in text
    standard = text_of(_pdf(expert))
    assert "Tuesday 19 November 2024 Confidential work (details not shared) Not shared 2.5" in (
        standard
    )
    easy = text_of(_pdf(expert, easy_read=True))
    assert "Confidential work (details not shared) 1 meeting 2.5 hours" in easy


def test_the_summary_is_tagged_with_its_title_language_headings_and_tables():
    expert = ExpertFactory(full_name="Ann Other")
    busy_year(expert)
    made = _pdf(expert)
    assert is_tagged(made)
    assert language(made) == "en-GB"
    assert info_title(made) == "Ann Other: your year, April 2024 to March 2025"
    with pikepdf.open(io.BytesIO(made)) as document:
        tags, _ = _tags(document)
    assert tags.get("/H1") == 1
    assert tags.get("/H2", 0) >= 6
    assert tags.get("/Table", 0) == 2
    assert tags.get("/TH", 0) >= 7


def test_easy_read_is_large_with_a_described_picture_beside_each_key_point():
    expert = ExpertFactory(full_name="Ann Other", preferred_name="Ann")
    busy_year(expert)
    made = _pdf(expert, easy_read=True)
    text = text_of(made)
    for words in (
        "Your year with us",
        "You came to 5 meetings.",
        "Interviews for a ward manager 3 meetings 5.5 hours",
        "You gave 11 hours of your time.",
        "Interview panel member — 3 times.",
        "You finished Safeguarding adults.",
        "We paid you £79.90 in all.",
        "June 2024 £30.00",
        "It is not advice.",
        "Thank you, Ann.",
    ):
        assert words in text, words
    assert _body_size(made) >= 15.5
    assert is_tagged(made)
    assert language(made) == "en-GB"
    assert info_title(made) == "Ann Other: your year, Easy Read, April 2024 to March 2025"
    with pikepdf.open(io.BytesIO(made)) as document:
        tags, alts = _tags(document)
    assert tags.get("/H1") == 1
    assert tags.get("/Figure", 0) >= 8
    for described in ("A calendar", "A clock", "A star", "A pound coin", "A heart"):
        assert described in alts


def test_a_year_with_nothing_in_it_still_makes_both_pdfs_and_says_so_kindly():
    expert = ExpertFactory(full_name="Sam Quiet", preferred_name="Sam")
    standard = text_of(_pdf(expert))
    assert "You did not take part in any sessions between April 2024 and March 2025." in standard
    assert "Nothing was paid to you" in standard
    easy = text_of(_pdf(expert, easy_read=True))
    assert "You did not come to any meetings this year. That is OK." in easy
    assert "Thank you, Sam." in easy


def test_only_a_shared_summary_goes_in_a_pdf():
    expert = ExpertFactory()
    with pytest.raises(ValueError):
        pdf.render(summary_for(queries.year_of(expert, YEAR), shared=False))


def test_both_pdfs_of_a_busy_year_are_made_in_about_a_second_each():
    # 57 sessions over 15 pieces of work, each paid, 13 outcomes: about 1 s each when the machine
    # is quiet. Counted in processor time after one render (the process's first pays for fonts
    # and templates), the quicker of two; with tests.speed's room for a shared CI machine.
    expert = ExpertFactory()
    busy_year(expert)
    many_sessions(expert)
    _pdf(expert)
    for easy_read in (False, True):
        times = []
        for _ in range(2):
            started = time.process_time()
            made = _pdf(expert, easy_read=easy_read)
            times.append(time.process_time() - started)
        took = min(times)
        assert "Panel number 11" in text_of(made)
        assert took < limit(1.0), f"{'Easy Read' if easy_read else 'Standard'} took {took:.2f}s"
