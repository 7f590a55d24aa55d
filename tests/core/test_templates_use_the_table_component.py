"""Every data table is made by our one table component (core/jinja2/components/table), which
writes NHS.UK's table markup, escapes what people typed and keeps captions, scopes, numeric
columns and the small-screen layout the same everywhere (issue 11, item 5). A hand-written
`<table` in a page's template fails here, with its file and line."""

import re
from pathlib import Path

APPS = Path(__file__).resolve().parents[2] / "src" / "coproduce"
COMPONENT = "core/jinja2/components/table/template.jinja"

# Emails are laid out with tables (role="presentation", inline styles): email programs ignore
# most CSS and never see NHS.UK's. They are not data tables.
EMAILS = "core/jinja2/core/email/"

TABLE = re.compile(r"<table\b", re.IGNORECASE)


def hand_written_tables(name: str, source: str) -> list[str]:
    """'file:line' for each `<table` tag in a template's source, outside Jinja comments."""
    without_comments = re.sub(
        r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), source, flags=re.S
    )
    return [
        f"{name}:{without_comments.count(chr(10), 0, match.start()) + 1}"
        for match in TABLE.finditer(without_comments)
    ]


def templates() -> list[Path]:
    return sorted(path for path in APPS.glob("**/jinja2/**/*") if path.is_file())


def test_the_check_finds_a_table_tag_and_names_its_line():
    source = '{% block body %}\n<h1>Teams</h1>\n<TABLE class="nhsuk-table">\n'
    assert hand_written_tables("people/jinja2/people/x.jinja", source) == [
        "people/jinja2/people/x.jinja:3"
    ]


def test_the_check_ignores_tables_named_in_comments_and_other_words():
    source = "{#- a <table> in words\n -#}\n{{ table({}) }}\n<p>tables</p>\n<tablet>"
    assert hand_written_tables("x.jinja", source) == []


def test_the_walk_sees_every_app_s_templates():
    names = {path.relative_to(APPS).as_posix() for path in templates()}
    assert "people/jinja2/people/register.jinja" in names
    assert COMPONENT in names


def test_templates_make_tables_with_the_table_component():
    found = []
    for path in templates():
        name = path.relative_to(APPS).as_posix()
        if name == COMPONENT or name.startswith(EMAILS):
            continue
        found += hand_written_tables(name, path.read_text())
    assert not found, (
        'Use {% from "components/table/macro.jinja" import table %} for these tables:\n'
        + "\n".join(found)
    )
