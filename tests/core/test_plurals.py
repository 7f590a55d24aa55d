"""One way to put a word in the right form for a count: Django's `pluralize`, in templates
directly or through `count_of` where the number is shown. No hand-written "x if n == 1 else y"."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines

from coproduce.core.formats import count_of

SRC = Path(__file__).resolve().parents[2] / "src" / "coproduce"
# "word" if n == 1 else "words" (or != 1), in Python or a Jinja template.
HAND_WRITTEN = re.compile(r"""["'][^"'\n]*["']\s+if\s+[^\n]*?[=!]=\s*1\s+else\s+f?["']""")
# A choice of phrase, not of a word's form: "the expert" or "the 1,204 experts".
ALLOWED = {"opportunities/views/shortlist.py"}


def _render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_templates_have_djangos_pluralize():
    page = "claim{{ n | pluralize }}; {{ n | pluralize('it,them') }}"
    assert _render(page, n=1) == "claim; it"
    assert _render(page, n=2) == "claims; them"
    assert _render(page, n=0) == "claims; them"
    assert _render("{{ m | length | pluralize('Someone,Some people') }}", m=[1]) == "Someone"


def test_count_of_follows_pluralize():
    assert count_of(Decimal("1.0"), "hour") == "1 hour"
    assert count_of(1, "row has", "rows have") == "1 row has"
    assert count_of(1204, "row has", "rows have") == "1,204 rows have"
    with pytest.raises(ValueError):
        count_of(2, "one, two")


def test_no_hand_written_plurals_are_left():
    found = []
    for path in sorted(SRC.rglob("*")):
        name = path.relative_to(SRC).as_posix()
        if path.suffix not in {".py", ".jinja", ".txt", ".html"} or "demo" in name:
            continue
        if name in ALLOWED or "migrations/" in name:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HAND_WRITTEN.search(line):
                found.append(f"{name}:{number}: {line.strip()[:80]}")
    assert found == [], "Use count_of or pluralize:\n" + "\n".join(found)
