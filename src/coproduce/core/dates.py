"""A date typed into three boxes (day, month, year), as the NHS.UK date input asks for it.

`{{ form.start_date.as_field_group() }}` draws the NHS `dateInput` in a fieldset with its legend,
hint and error message. The boxes are named `<name>-day`, `<name>-month` and `<name>-year` (ids
`id_<name>-day` and so on), and the error summary links to the day box. Messages follow the NHS
pattern: "Enter the date the first session starts" when nothing is typed, "Date must include a
month" when part is missing, "Date must be a real date" for 31/02, "Year must include 4
numbers" for "26". Only the boxes at fault are highlighted, or all three when the whole date is
wrong; whatever was typed comes back in the boxes."""

import calendar
import re
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

PARTS = ("day", "month", "year")
EMPTY = ["", "", ""]
# Dates that arrive as text (old initial data, or a form given "17/3/2026") still fill the boxes.
TEXT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
MAX_PART_LENGTH = 20
DIGITS = re.compile(r"^\d+$")
MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


def split_date(value: Any) -> list[str]:
    """A value as the text of the three boxes: a date, a list of what was typed, or text."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple):
        texts = ["" if v is None else str(v) for v in value][:3]
        return texts + [""] * (3 - len(texts))
    if isinstance(value, str) and value.strip():
        for fmt in TEXT_FORMATS:
            try:
                return split_date(datetime.strptime(value.strip(), fmt).date())
            except ValueError:
                continue
    return list(EMPTY)


def _number(text: str, *, low: int, high: int) -> int | None:
    if not DIGITS.match(text) or len(text) > MAX_PART_LENGTH:
        return None
    number = int(text)
    return number if low <= number <= high else None


def _month(text: str) -> int | None:
    return MONTHS.get(text.lower()) or _number(text, low=1, high=12)


class DateInputWidget(forms.MultiWidget):
    """Three numeric boxes. Drawn by the form renderer's NHS `dateInput`; Django's own
    template is only a fallback."""

    def __init__(self, attrs: dict | None = None):
        boxes = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in PARTS]
        super().__init__(boxes, attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value: Any) -> list[str]:
        return split_date(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        if id_:
            for part, box in zip(PARTS, context["widget"]["subwidgets"], strict=True):
                box["attrs"]["id"] = f"{id_}-{part}"
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else ""


class DateInputBoundField(BoundField):
    """Gives the field template the `dateInput` parameters, and the error summary the id of
    the day box."""

    @property
    def error_anchor(self) -> str:
        return self.id_for_label

    def error_parts(self) -> list[str]:
        """The boxes to highlight: those named by the errors, or none (meaning all three)
        when any error is about the date as a whole."""
        parts: set[str] = set()
        for error in self.errors.as_data():
            named = (error.params or {}).get("parts")
            if not named:
                return []
            parts.update(named)
        return [part for part in PARTS if part in parts]

    def date_input(self) -> dict:
        attrs = self.field.widget.attrs
        values = split_date(self.value())
        error_parts = self.error_parts() if self.errors else []
        params: dict[str, Any] = {
            "id": self.auto_id,
            "fieldset": {
                "legend": {
                    "text": str(self.label),
                    "classes": attrs.get("data-label-class") or "nhsuk-fieldset__legend--s",
                }
            },
            "items": [
                {
                    "id": f"{self.auto_id}-{part}",
                    "name": f"{self.html_name}-{part}",
                    "label": part.capitalize(),
                    "value": text,
                    "width": 4 if part == "year" else 2,
                    # None (not False): the NHS macro then highlights every box for an error
                    # about the whole date.
                    "error": True if part in error_parts else None,
                }
                for part, text in zip(PARTS, values, strict=True)
            ],
        }
        if self.help_text:
            params["hint"] = {"text": str(self.help_text)}
        if self.errors:
            params["errorMessage"] = {"text": " ".join(str(e) for e in self.errors)}
        return params


class DateInputField(forms.Field):
    """A date in three boxes. `subject` starts the messages ("Date must include a month");
    `required_message` is what to say when nothing is typed, in the NHS form "Enter the date
    the first session starts"."""

    widget = DateInputWidget
    bound_field_class = DateInputBoundField
    default_error_messages = {
        "incomplete": "%(subject)s must include a %(missing)s",
        "invalid": "%(subject)s must be a real date",
        "year_digits": "Year must include 4 numbers",
    }

    def __init__(self, *, subject: str = "Date", required_message: str = "", **kwargs):
        super().__init__(**kwargs)
        self.subject = subject
        if required_message:
            self.error_messages["required"] = required_message

    def _error(self, code: str, parts: list[str] | None = None, **params: Any) -> ValidationError:
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"subject": self.subject, "parts": parts or [], **params},
        )

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        day, month, year = (text.strip() for text in split_date(value))
        if not (day or month or year):
            return None
        missing = [part for part, text in zip(PARTS, (day, month, year), strict=True) if not text]
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        day_number = _number(day, low=1, high=31)
        month_number = _month(month)
        year_ok = bool(DIGITS.match(year)) and len(year) <= MAX_PART_LENGTH
        wrong = [
            part
            for part, ok in zip(
                PARTS, (day_number is not None, month_number is not None, year_ok), strict=True
            )
            if not ok
        ]
        if wrong:
            raise self._error("invalid", wrong)
        if len(year) != 4:
            raise self._error("year_digits", ["year"])
        try:
            return date(int(year), month_number, day_number)  # type: ignore[arg-type]
        except ValueError:
            # 31/02 or 29/02 in a year that is not a leap year: no one box is to blame.
            raise self._error("invalid") from None

    def prepare_value(self, value: Any) -> list[str]:
        return split_date(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self.to_python(split_date(initial)) != self.to_python(data)
        except ValidationError:
            return True
