"""Markdown that leads write (support sheets), made into HTML that is safe to put in a page.

Two steps, each from a well-kept library: markdown-it-py turns the Markdown into HTML
(CommonMark, with raw HTML in the Markdown shown as text, never passed through), then nh3
keeps only the few tags that Markdown makes for headings, paragraphs, lists, emphasis, links,
quotes and code. Anything else — scripts, styles, images, `on…` attributes, `javascript:`
links — is removed, even if a future version of the renderer were to let it through."""

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# A page has one h1 (the sheet's title): headings in the Markdown start at h2, and go no
# deeper than h4, which is as deep as a short sheet needs.
HIGHEST_HEADING, LOWEST_HEADING = 2, 4

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    # What a line break and a "---" line become: no attributes, nothing to misuse.
    "br",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False}).disable("image")
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    # Their content goes too, not only the tags: the text of a script is not for reading.
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    # A link must say where it goes in full (https://…): a relative one would depend on the
    # page it is read on, and a welcome pack is read on paper too.
    url_relative="deny",
    link_rel="noopener noreferrer",
)


def _heading_level(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            level = min(max(int(token.tag[1]), HIGHEST_HEADING), LOWEST_HEADING)
            token.tag = f"h{level}"


def sanitise(html: str) -> str:
    """Only the allowed tags, attributes and kinds of link are kept."""
    return _cleaner.clean(html)


def render(markdown: str) -> str:
    """The Markdown as sanitised HTML, safe to show in a page without escaping. HTML typed
    into the Markdown is shown as the text that was typed, never used as HTML."""
    tokens = _renderer.parse(markdown or "")
    _heading_level(tokens)
    return sanitise(_renderer.renderer.render(tokens, _renderer.options, {}))
