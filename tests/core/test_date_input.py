"""The NHS date input (day, month and year boxes): how it is drawn through the form renderer,
what it accepts, the NHS messages for what it refuses, and that what was typed is kept."""

from datetime import date

import pytest
from django import forms

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin


class SessionDates(NHSFormMixin, forms.Form):
    start_date = DateInputField(
        label="When does it start?",
        help_text="For example, 17 3 2026",
        required_message="Enter the date the first session starts",
    )
    end_date = DateInputField(label="Last date (optional)", required=False, subject="Last date")


def boxes(day="", month="", year="", name="start_date") -> dict:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def field_html(form: forms.Form, name: str = "start_date") -> str:
    return str(form[name].as_field_group())


def box(html: str, part: str, name: str = "start_date") -> str:
    """The <input> tag of one box."""
    start = html.index(f'id="id_{name}-{part}"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_it_draws_three_labelled_boxes_in_a_fieldset_with_legend_and_hint():
    html = field_html(SessionDates())
    assert 'class="nhsuk-fieldset" role="group"' in html
    assert 'aria-describedby="id_start_date-hint"' in html
    assert "When does it start?" in html.split("</legend>")[0]
    assert 'id="id_start_date-hint"' in html and "For example, 17 3 2026" in html
    assert '<div class="nhsuk-date-input" id="id_start_date"' in html
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        tag = box(html, part)
        assert f'name="start_date-{part}"' in tag
        assert f"nhsuk-input--width-{width}" in tag
        assert 'inputmode="numeric"' in tag
        assert 'value=""' in tag
        assert f'for="id_start_date-{part}"' in html
    assert "nhsuk-error-message" not in html
    assert "nhsuk-input--error" not in html


def test_a_date_given_as_initial_fills_the_boxes():
    html = field_html(SessionDates(initial={"start_date": date(2026, 3, 7)}))
    assert 'value="7"' in box(html, "day")
    assert 'value="3"' in box(html, "month")
    assert 'value="2026"' in box(html, "year")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("17", "3", "2026"), date(2026, 3, 17)),
        ((" 07 ", "03", "2026"), date(2026, 3, 7)),
        (("29", "2", "2028"), date(2028, 2, 29)),
        (("1", "March", "2026"), date(2026, 3, 1)),
        (("1", "sept", "2026"), date(2026, 9, 1)),
    ],
)
def test_it_reads_the_three_boxes_as_a_date(typed, expected):
    form = SessionDates(boxes(*typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == expected
    assert form.cleaned_data["end_date"] is None


@pytest.mark.parametrize(
    ("typed", "message", "highlighted"),
    [
        (("", "", ""), "Enter the date the first session starts", {"day", "month", "year"}),
        (("17", "", "2026"), "Date must include a month", {"month"}),
        (("", "3", ""), "Date must include a day and year", {"day", "year"}),
        (("31", "2", "2026"), "Date must be a real date", {"day", "month", "year"}),
        (("29", "2", "2027"), "Date must be a real date", {"day", "month", "year"}),
        (("17", "13", "2026"), "Date must be a real date", {"month"}),
        (("32", "3", "2026"), "Date must be a real date", {"day"}),
        (("x", "y", "2026"), "Date must be a real date", {"day", "month"}),
        (("17", "3", "26"), "Year must include 4 numbers", {"year"}),
        (("17", "3", "20266"), "Year must include 4 numbers", {"year"}),
    ],
)
def test_a_mistake_gets_the_nhs_message_the_right_boxes_and_keeps_what_was_typed(
    typed, message, highlighted
):
    form = SessionDates(boxes(*typed))
    assert not form.is_valid()
    assert form.errors["start_date"] == [message]
    html = field_html(form)
    assert "nhsuk-form-group--error" in html
    assert f'<span class="nhsuk-u-visually-hidden">Error: </span>{message}' in html
    assert "id_start_date-hint id_start_date-error" in html
    for part, text in zip(("day", "month", "year"), typed, strict=True):
        tag = box(html, part)
        assert f'value="{text}"' in tag
        assert ("nhsuk-input--error" in tag) == (part in highlighted), part


def test_the_error_summary_links_to_the_day_box():
    form = SessionDates(boxes("17", "", "2026") | boxes("40", "1", "2026", name="end_date"))
    assert not form.is_valid()
    assert form.error_list() == [
        {"text": "Date must include a month", "href": "#id_start_date-day"},
        {"text": "Last date must be a real date", "href": "#id_end_date-day"},
    ]


def test_an_error_the_form_adds_highlights_the_whole_date():
    class Future(SessionDates):
        def clean(self):
            self.add_error("start_date", "The date must be today or in the future")

    form = Future(boxes("1", "3", "2020"))
    assert not form.is_valid()
    html = field_html(form)
    assert "The date must be today or in the future" in html
    assert all("nhsuk-input--error" in box(html, part) for part in ("day", "month", "year"))


def test_an_optional_date_left_empty_is_none_but_half_typed_is_refused():
    assert SessionDates(boxes("1", "3", "2026")).is_valid()
    form = SessionDates(boxes("1", "3", "2026") | boxes("", "", "2026", name="end_date"))
    assert not form.is_valid()
    assert form.errors["end_date"] == ["Last date must include a day and month"]


def test_a_required_date_without_its_own_message_names_the_field():
    class Joined(NHSFormMixin, forms.Form):
        joined_on = DateInputField(label="Date they joined")

    form = Joined(boxes(name="joined_on"))
    assert not form.is_valid()
    assert form.errors["joined_on"] == ["Enter date they joined"]


def test_it_knows_when_the_date_has_changed():
    unchanged = SessionDates(boxes("7", "3", "2026"), initial={"start_date": date(2026, 3, 7)})
    assert "start_date" not in unchanged.changed_data
    moved = SessionDates(boxes("8", "3", "2026"), initial={"start_date": date(2026, 3, 7)})
    assert "start_date" in moved.changed_data


def test_django_renders_the_boxes_with_the_same_names_and_ids():
    html = str(SessionDates(boxes("7", "3", "2026"))["start_date"])
    for part, value in (("day", "7"), ("month", "3"), ("year", "2026")):
        assert f'name="start_date-{part}"' in html
        assert f'id="id_start_date-{part}"' in html
        assert f'value="{value}"' in html
