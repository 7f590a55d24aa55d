"""The pictures beside each point of the Easy Read year, drawn here as small SVGs (no files to
fetch: the PDF takes them as `data:` URLs). Each has words a screen reader reads, and the
words beside it always say the same, so nothing is told by the picture alone."""

import base64
from dataclasses import dataclass

BLUE = "#005eb8"
DARK = "#212b32"
WARM = "#ffb81c"

_SHAPES = {
    "calendar": (
        f'<rect x="8" y="14" width="48" height="42" rx="4" fill="#fff" stroke="{BLUE}" '
        f'stroke-width="4"/><rect x="8" y="14" width="48" height="12" fill="{BLUE}"/>'
        f'<rect x="18" y="6" width="5" height="14" rx="2" fill="{DARK}"/>'
        f'<rect x="41" y="6" width="5" height="14" rx="2" fill="{DARK}"/>'
        f'<circle cx="22" cy="38" r="4" fill="{DARK}"/><circle cx="32" cy="38" r="4" '
        f'fill="{DARK}"/><circle cx="42" cy="38" r="4" fill="{WARM}"/>'
    ),
    "people": (
        f'<circle cx="22" cy="20" r="9" fill="{BLUE}"/><circle cx="44" cy="22" r="8" '
        f'fill="{WARM}"/><path d="M6 56c0-12 7-20 16-20s16 8 16 20z" fill="{BLUE}"/>'
        f'<path d="M30 56c1-10 7-17 14-17s13 7 14 17z" fill="{WARM}"/>'
    ),
    "clock": (
        f'<circle cx="32" cy="32" r="25" fill="#fff" stroke="{BLUE}" stroke-width="5"/>'
        f'<path d="M32 16v17l11 7" fill="none" stroke="{DARK}" stroke-width="5" '
        'stroke-linecap="round"/>'
    ),
    "star": (
        f'<path d="M32 5l8 17 18 2-13 12 4 18-17-9-17 9 4-18L6 24l18-2z" fill="{WARM}" '
        f'stroke="{DARK}" stroke-width="3" stroke-linejoin="round"/>'
    ),
    "book": (
        f'<path d="M8 14c8-4 16-4 24 2 8-6 16-6 24-2v38c-8-4-16-4-24 2-8-6-16-6-24-2z" '
        f'fill="#fff" stroke="{BLUE}" stroke-width="4" stroke-linejoin="round"/>'
        f'<path d="M32 16v38" stroke="{BLUE}" stroke-width="4"/>'
    ),
    "change": (
        f'<circle cx="32" cy="32" r="26" fill="{BLUE}"/><path d="M19 33l9 9 18-19" '
        'fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    ),
    "money": (
        f'<circle cx="32" cy="32" r="26" fill="{WARM}" stroke="{DARK}" stroke-width="3"/>'
        f'<text x="32" y="44" font-size="34" font-family="Arial, sans-serif" '
        f'font-weight="bold" text-anchor="middle" fill="{DARK}">£</text>'
    ),
    "heart": (
        '<path d="M32 56S6 40 6 22c0-9 7-15 14-15 6 0 10 3 12 8 2-5 6-8 12-8 7 0 14 6 14 15 '
        f'0 18-26 34-26 34z" fill="#d5281b" stroke="{DARK}" stroke-width="2"/>'
    ),
}

# What each picture shows, read out by a screen reader.
WORDS = {
    "calendar": "A calendar",
    "people": "People working together",
    "clock": "A clock",
    "star": "A star",
    "book": "A book",
    "change": "A tick",
    "money": "A pound coin",
    "heart": "A heart",
}


@dataclass(frozen=True)
class Icon:
    src: str  # a data: URL
    alt: str


def _svg(shape: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
        f"{shape}</svg>"
    )


def icon(name: str) -> Icon:
    data = base64.b64encode(_svg(_SHAPES[name]).encode()).decode("ascii")
    return Icon(src=f"data:image/svg+xml;base64,{data}", alt=WORDS[name])


ICONS = {name: icon(name) for name in _SHAPES}
