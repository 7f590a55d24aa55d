"""What a lead writes in a support sheet reaches the page as the few tags Markdown makes for
headings, lists, emphasis, links, quotes and code: never a script, an event handler, a
`javascript:` link, an image or raw HTML."""

from html.parser import HTMLParser

import pytest

from coproduce.onboarding.markdown import ALLOWED_TAGS, render, sanitise


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_in(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_headings_lists_emphasis_and_links_are_made():
    html = render(
        "## Before\n\n- one\n- two\n\n1. first\n\n**bold** and *soft*\n\n"
        "> a quote\n\n`code`\n\n[NHS](https://www.nhs.uk) [Write](mailto:team@example.org)"
    )
    assert "<h2>Before</h2>" in html
    assert "<ul>\n<li>one</li>" in html
    assert "<ol>\n<li>first</li>" in html
    assert "<strong>bold</strong>" in html
    assert "<em>soft</em>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://www.nhs.uk" rel="noopener noreferrer">NHS</a>' in html
    assert '<a href="mailto:team@example.org" rel="noopener noreferrer">Write</a>' in html


def test_a_level_one_heading_becomes_level_two_so_the_page_keeps_one_h1():
    html = render("# Welcome\n\n##### Small print")
    assert "<h1" not in html
    assert "<h2>Welcome</h2>" in html
    assert "<h4>Small print</h4>" in html


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert('hi')</script>",
        "Hello <script>alert('hi')</script> there",
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">Click</p>',
        '<a href="javascript:alert(1)">Click</a>',
        "[Click](javascript:alert(1))",
        "[Click](JaVaScRiPt:alert(1))",
        "[Click](vbscript:msgbox(1))",
        "[Click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<style>body { display: none }</style>",
        '<iframe src="https://example.org"></iframe>',
        "![A picture](https://example.org/tracker.png)",
        '[Click](https://example.org "title\\" onmouseover=\\"alert(1)")',
    ],
)
def test_nothing_that_could_run_or_load_reaches_the_page(markdown):
    html = render(markdown)
    for tag, attrs in tags_in(html):
        assert tag in ALLOWED_TAGS, html
        assert not any(name.startswith("on") for name in attrs), html
        assert (
            not (attrs.get("href") or "https:")
            .lower()
            .startswith(("javascript:", "vbscript:", "data:"))
        ), html
    assert "<script" not in html
    assert "<img" not in html
    assert "<style" not in html


def test_raw_html_is_shown_as_the_text_that_was_typed_never_used():
    html = render('<b onmouseover="alert(1)">bold</b>')
    assert tags_in(html) == [("p", {})]
    assert "&lt;b onmouseover=" in html


def test_the_sanitiser_removes_what_the_renderer_should_never_make():
    # The second line of defence: HTML with everything a page must never get.
    html = sanitise(
        '<h1>Title</h1><p onclick="x()" style="color:red" class="big">Text</p>'
        "<script>alert(1)</script><style>p{}</style>"
        '<a href="javascript:alert(1)">bad</a><a href="/relative">relative</a>'
        '<a href="https://example.org" target="_blank">good</a>'
        '<img src="https://example.org/x.png" onerror="alert(1)"><table><tr><td>cell</td></tr></table>'
    )
    assert tags_in(html) == [
        ("p", {}),
        ("a", {"rel": "noopener noreferrer"}),
        ("a", {"rel": "noopener noreferrer"}),
        ("a", {"href": "https://example.org", "rel": "noopener noreferrer"}),
    ]
    assert "alert" not in html
    assert "Title" in html and "cell" in html  # the words of a removed tag stay


def test_empty_markdown_makes_no_html():
    assert render("") == ""
