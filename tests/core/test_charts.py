"""Bar charts made on the server: one accessible image each, never colour alone, and the
component that puts the same numbers in a table after it."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import engines

from coproduce.core.charts import Series, bar_chart
from coproduce.core.formats import money

SVG = "{http://www.w3.org/2000/svg}"


def chart(**changes):
    options = {
        "chart_id": "chart-test",
        "title": "Budget and spending by team",
        "description": "Budget and paid for 2 teams. The table gives the same figures.",
        "categories": ["Adult Social Care", "Carers"],
        "series": [
            Series("Budget", [Decimal("5000.00"), Decimal("1000.00")]),
            Series("Paid", [Decimal("2500.00"), Decimal("0")]),
        ],
        "value_format": money,
    }
    options.update(changes)
    return bar_chart(**options)


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # also proves the SVG is well-formed XML


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_a_chart_is_one_image_named_by_its_title_and_description():
    root = parse(chart())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-test-title chart-test-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-test-title"
    assert root.find(f"{SVG}title").text == "Budget and spending by team"
    assert root.find(f"{SVG}desc").get("id") == "chart-test-desc"
    assert root.find(f"{SVG}desc").text.startswith("Budget and paid for 2 teams")
    # It scales to the width it is given rather than widening a small screen.
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 480 ")


def test_every_bar_is_labelled_with_its_series_and_value_not_colour_alone():
    root = parse(chart())
    labels = texts(root)
    assert "Adult Social Care" in labels and "Carers" in labels
    for label in ("Budget: £5,000.00", "Paid: £2,500.00", "Budget: £1,000.00", "Paid: £0.00"):
        assert label in labels
    # The legend names each series, and the second series is a pattern, not just a colour.
    assert labels.count("Budget") == 1 and labels.count("Paid") == 1
    patterns = root.findall(f"{SVG}defs/{SVG}pattern")
    assert patterns, "series after the first are told apart by a pattern"
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("y") and float(r.get("y")) > 30]
    fills = {bar.get("fill") for bar in bars}
    assert "#005eb8" in fills and "url(#chart-test-p1)" in fills


def test_a_series_keeps_its_style_from_chart_to_chart():
    root = parse(
        chart(series=[Series("Paid", [1, 2], style=1), Series("Waiting", [3, 4], style=3)])
    )
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("height") == "18"}
    assert fills == {"url(#chart-test-p1)", "url(#chart-test-p3)"}


def test_long_labels_leave_room_for_themselves_inside_the_picture():
    root = parse(chart(series=[Series("Waiting for approval", [Decimal("12345.67"), 1])]))
    (longest,) = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "18"][:1]
    label_chars = len("Waiting for approval: £12,345.67")
    assert float(longest.get("width")) + 6 + label_chars * 7.2 <= 480


def test_bars_are_drawn_to_scale_and_a_zero_shows_where_its_bar_would_start():
    root = parse(chart())
    widths = sorted(
        float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("width") != "16"
    )
    # 1,000 and 2,500 are a fifth and a half of the largest, 5,000.
    largest = widths[-1]
    assert widths[-2] == pytest.approx(largest / 2, abs=0.2)
    assert widths[-3] == pytest.approx(largest / 5, abs=0.2)
    assert len(list(root.iter(f"{SVG}line"))) == 1  # the zero


def test_text_is_escaped():
    root = parse(
        chart(
            title="<script>alert(1)</script>",
            categories=["Tom & Jerry's <team>", "Carers"],
        )
    )
    assert root.find(f"{SVG}title").text == "<script>alert(1)</script>"
    assert "Tom & Jerry's <team>" in texts(root)
    assert "<script>" not in str(chart(title="<script>"))


def test_all_zeros_and_negative_values_draw_no_bars_but_keep_their_labels():
    root = parse(
        chart(
            series=[Series("Budget", [0, 0]), Series("Remaining", [Decimal("-5.00"), 0])],
        )
    )
    assert "Remaining: -£5.00" in texts(root)
    assert len(list(root.iter(f"{SVG}line"))) == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"series": []}, "at least one series"),
        ({"series": [Series("Budget", [1])]}, "has 1 values, not 2"),
        ({"chart_id": "Bad id"}, "lower-case letters"),
        ({"series": [Series(str(n), [1, 2]) for n in range(6)]}, "5 series at most"),
        ({"series": [Series("A", [1, 2], style=1), Series("B", [1, 2])]}, "its own style"),
        ({"series": [Series("A", [1, 2], style=7)]}, "its own style"),
    ],
)
def test_a_chart_that_cannot_be_drawn_says_why(changes, message):
    with pytest.raises(ValueError, match=message):
        chart(**changes)


def test_the_chart_component_follows_the_chart_with_a_table_of_the_same_numbers():
    template = engines["jinja2"].env.from_string(
        '{% from "components/chart/macro.jinja" import chart %}'
        '{{ chart({"id": "teams", "svg": svg, "caption": "Spending by team", '
        '"head": ["Team", "Budget", "Paid"], '
        '"rows": [["Adult Social Care", "£5,000.00", "£2,500.00"], ["Carers", "£1,000.00", "£0.00"]], '
        '"foot": ["All teams", "£6,000.00", "£2,500.00"]}) }}'
    )
    html = " ".join(template.render(svg=chart()).split())
    assert html.index("<svg") < html.index("<table")
    assert 'aria-labelledby="teams-caption"' in html
    assert (
        '<caption id="teams-caption" class="nhsuk-table__caption nhsuk-table__caption--s">Spending by team</caption>'
        in html
    )
    assert (
        '<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Budget</th>'
        in html
    )
    assert '<th scope="row" class="nhsuk-table__header">Adult Social Care</th>' in html
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">£2,500.00</td>' in html
    assert "<strong>£6,000.00</strong>" in html
    assert 'class="app-table-wrapper" role="region"' in html
