"""Our table component (core/jinja2/components/table), rendered on its own."""

from django.template import engines
from markupsafe import Markup


def render(source: str, **context) -> str:
    env = engines["jinja2"].env
    template = env.from_string('{% from "components/table/macro.jinja" import table %}' + source)
    return template.render(**context)


def test_a_table_has_a_caption_column_headings_and_right_aligned_numbers():
    html = render(
        '{{ table({"id": "runs", "caption": {"text": "Runs", "classes": "nhsuk-u-visually-hidden"},'
        ' "head": ["Reference", {"text": "Total", "format": "numeric"}],'
        ' "rows": [["PR-1", "£12.50"], ["PR-2", 0]]}) }}'
    )
    assert (
        '<div class="app-table-wrapper" role="region" aria-labelledby="runs-caption" tabindex="0">'
        in html
    )
    assert (
        '<caption id="runs-caption" class="nhsuk-table__caption nhsuk-u-visually-hidden">Runs</caption>'
        in html
    )
    assert '<th scope="col" class="nhsuk-table__header">Reference</th>' in html
    assert (
        '<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Total</th>'
        in html
    )
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">£12.50</td>' in html
    # A 0 is a value, not an empty cell.
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">0</td>' in html
    assert 'role="' not in html.split("tabindex")[1]


def test_values_typed_by_people_are_escaped_and_only_template_markup_is_html():
    html = render(
        '{% set link %}<a href="/experts/1">{{ name }}</a>{% endset %}'
        '{{ table({"caption": "People", "head": ["Name", "Note", "Said"],'
        ' "rows": [[link, name, {"html": name}]]}) }}',
        name='<script>alert("x")</script>',
    )
    assert "<script>" not in html
    assert '<a href="/experts/1">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a>' in html
    # A plain string given as "html" is escaped too: only Markup comes out as HTML.
    assert html.count("&lt;script&gt;") == 3


def test_a_responsive_table_labels_each_value_with_its_column_heading():
    html = render(
        '{{ table({"id": "claims", "caption": "Claims", "responsive": true,'
        ' "head": ["Expert", {"html": actions}], "rows": [[link, "Cancel"]]}) }}',
        link=Markup('<a href="/c/1">Ann</a>'),
        actions=Markup('<span class="nhsuk-u-visually-hidden">Actions</span>'),
    )
    assert '<table class="nhsuk-table nhsuk-table--responsive" role="table">' in html
    assert '<thead class="nhsuk-table__head" role="rowgroup">' in html
    assert '<th scope="col" class="nhsuk-table__header" role="columnheader">Expert</th>' in html
    assert (
        '<td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table__heading"'
        ' aria-hidden="true">Expert </span><span class="app-table__value"><a href="/c/1">Ann</a></span></td>'
        in html
    )
    # A column whose heading is only for screen readers gets no visible label.
    assert '<td class="nhsuk-table__cell" role="cell">Cancel</td>' in html


def test_row_headers_a_footer_and_no_scrolling_wrapper():
    html = render(
        '{{ table({"caption": "Rates", "scroll": false, "firstCellIsHeader": true,'
        ' "head": ["Kind", {"text": "Rate", "format": "numeric"}], "rows": [["Workshop", "£15"]],'
        ' "foot": [{"text": "Total", "colspan": 2}]}) }}'
    )
    assert "app-table-wrapper" not in html
    assert '<th scope="row" class="nhsuk-table__header">Workshop</th>' in html
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">£15</td>' in html
    assert (
        '<tfoot>\n    <tr class="nhsuk-table__row">\n      <th scope="row" class="nhsuk-table__header" colspan="2">Total</th></tr>'
        in html
    )


def test_the_scrolling_region_can_be_labelled_by_a_heading_outside_the_table():
    html = render(
        '{{ table({"labelledBy": "waiting", "wrapperClasses": "app-calendar-month",'
        ' "head": ["Expert"], "rows": [["Ann"]]}) }}'
    )
    assert (
        '<div class="app-table-wrapper app-calendar-month" role="region" aria-labelledby="waiting" tabindex="0">'
        in html
    )
    assert "<caption" not in html
