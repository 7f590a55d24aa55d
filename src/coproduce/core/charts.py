"""Bar charts drawn as SVG on the server: they work in pages, in PDFs and without JavaScript.

A chart is a picture of numbers a page also gives in a data table, so the SVG is one image to
assistive technology (`role="img"`, named by its <title> and <desc>). It still never relies on
colour alone: every bar carries a text label with its series' name and value, each series has
its own fill pattern as well as its colour, and the legend shows both.

    svg = bar_chart(
        chart_id="budget-by-team",
        title="Budget and spending by team",
        description="Budget, paid and approved for 3 teams. The table below gives the figures.",
        categories=["Adult Social Care", "Carers"],
        series=[Series("Budget", [5000, 3000]), Series("Paid", [1200, 400])],
        value_format=money,
    )

Bars run across the page, one group per category with the category's name above it, so long
names never overlap and the chart scales down to a phone's width with its viewBox.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

# Drawn 480 units wide and shown at most 1.2 times that (576px: `.app-chart` in coproduce.css,
# as the Content-Security-Policy refuses style attributes): text is 16.8px on a wide screen and
# stays legible, if small, on a 320px phone (where the data table is the easier read).
WIDTH = 480
FONT_SIZE = 14
CHAR_WIDTH = 7.2  # about the width of a character of a bar's label, to leave room for it
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
CATEGORY_LINE = 22
LEGEND_LINE = 24
CHART_ID = re.compile(r"^[a-z][a-z0-9-]{0,60}$")
TEXT = "#212b32"  # NHS.UK text colour: 15:1 on white

# Colour and pattern for each series, in order. The outline keeps light patterns visible
# (3:1 against white, WCAG 1.4.11) and the pattern tells series apart without colour.
STYLES = (
    ("solid", "#005eb8"),  # NHS blue
    ("hatch", "#330072"),  # purple, diagonal lines
    ("dots", "#007f3b"),  # green, dots
    ("cross", "#7c2855"),  # plum, crossed lines
    ("lines", "#425563"),  # grey, horizontal lines
)


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend and a value for each category. `style` picks
    its colour and pattern from STYLES (by default, its place in the chart), so that a series
    can look the same in every chart on a page."""

    name: str
    values: Sequence[Decimal | int]
    style: int | None = None


def _number(value: Decimal | int | None) -> Decimal:
    number = Decimal(value or 0)
    return number if number > 0 else Decimal(0)


def _pattern_defs(chart_id: str) -> str:
    defs = []
    for index, (kind, colour) in enumerate(STYLES):
        pid = f"{chart_id}-p{index}"
        if kind == "solid":
            continue
        if kind == "hatch":
            body = (
                f'<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="{colour}" stroke-width="2"/>'
            )
        elif kind == "dots":
            body = f'<circle cx="4" cy="4" r="1.8" fill="{colour}"/>'
        elif kind == "cross":
            body = f'<path d="M0,0 l8,8 M8,0 l-8,8" stroke="{colour}" stroke-width="1.5"/>'
        else:
            body = f'<path d="M0,4 h8" stroke="{colour}" stroke-width="2"/>'
        defs.append(
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="#ffffff"/>{body}</pattern>'
        )
    return "<defs>" + "".join(defs) + "</defs>" if defs else ""


def _fill(chart_id: str, style: int) -> tuple[str, str]:
    """The fill and outline of a series drawn in STYLES[style]."""
    kind, colour = STYLES[style]
    fill = colour if kind == "solid" else f"url(#{chart_id}-p{style})"
    return fill, colour


def _text(x: float, y: float, words: str, *, bold: bool = False, size: int = FONT_SIZE) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}"{weight} fill="{TEXT}">{escape(words)}</text>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Decimal], str] = str,
) -> Markup:
    """An accessible horizontal bar chart: one group of bars for each category, one bar in a
    group for each series, every bar labelled with its series' name and formatted value.
    Negative values are drawn as empty bars (their label still gives the value)."""
    if not CHART_ID.match(chart_id):
        raise ValueError("A chart id is lower-case letters, digits and hyphens")
    if not series:
        raise ValueError("A chart needs at least one series")
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"Series {one.name!r} has {len(one.values)} values, not {len(categories)}"
            )
    if len(series) > len(STYLES):
        raise ValueError(f"A chart can show {len(STYLES)} series at most")
    styles = [index if one.style is None else one.style for index, one in enumerate(series)]
    if len(set(styles)) != len(styles) or not all(0 <= s < len(STYLES) for s in styles):
        raise ValueError(f"Each series needs its own style, from 0 to {len(STYLES) - 1}")

    largest = max((_number(v) for one in series for v in one.values), default=Decimal(0))
    labels = [
        [f"{one.name}: {value_format(Decimal(value or 0))}" for value in one.values]
        for one in series
    ]
    longest = max((len(label) for row in labels for label in row), default=0)
    # The longest bar leaves room for the longest label after it, but is never under half.
    room = max(WIDTH / 2, WIDTH - longest * CHAR_WIDTH - 8)
    parts: list[str] = []

    # The legend: a swatch with the series' pattern, and its name.
    y = 0.0
    x = 0.0
    for index, one in enumerate(series):
        fill, outline = _fill(chart_id, styles[index])
        label_width = 28 + len(one.name) * 8
        if x and x + label_width > WIDTH:
            x, y = 0.0, y + LEGEND_LINE
        parts.append(
            f'<rect x="{x:g}" y="{y + 4:g}" width="16" height="16" fill="{fill}" '
            f'stroke="{outline}" stroke-width="1.5"/>'
        )
        parts.append(_text(x + 22, y + 17, one.name))
        x += label_width + 12
    y += LEGEND_LINE + GROUP_GAP

    for position, category in enumerate(categories):
        parts.append(_text(0, y + FONT_SIZE, category, bold=True))
        y += CATEGORY_LINE
        for index, one in enumerate(series):
            value = one.values[position]
            length = float(_number(value) / largest) * room if largest else 0.0
            fill, outline = _fill(chart_id, styles[index])
            if length > 0:
                parts.append(
                    f'<rect x="0" y="{y:g}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                    f'fill="{fill}" stroke="{outline}" stroke-width="1.5"/>'
                )
            else:
                # A zero still shows where the bar would start.
                parts.append(
                    f'<line x1="0.75" y1="{y:g}" x2="0.75" y2="{y + BAR_HEIGHT:g}" '
                    f'stroke="{outline}" stroke-width="1.5"/>'
                )
            label = labels[index][position]
            parts.append(_text(length + 6, y + BAR_HEIGHT - 4, label, size=FONT_SIZE - 1))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP

    height = max(y, 1.0)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="app-chart" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="Frutiger W01, Arial, sans-serif">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        f"{_pattern_defs(chart_id)}"
        f"{''.join(parts)}</svg>"
    )
    return Markup(svg)  # noqa: S704 - every piece of text above is escaped  # nosec B704
