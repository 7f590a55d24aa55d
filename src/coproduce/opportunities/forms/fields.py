"""Date and time fields people can type as they would say them: a date in the NHS day, month
and year boxes, and a time as "10am", "2:30pm" or "14:30"."""

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField

TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$")


def date_field(
    label: str,
    *,
    required: bool = True,
    hint: str = "",
    required_message: str = "",
    subject: str = "Date",
) -> DateInputField:
    """A date in the NHS day, month and year boxes. `required_message` says what to enter
    ("Enter the date the first session starts"); `subject` starts the other messages ("Date
    must include a month"), so a form with two dates can tell them apart."""
    return DateInputField(
        label=label,
        required=required,
        help_text=hint or "For example, 17 3 2026",
        required_message=required_message,
        subject=subject,
    )


class TimeOfDayField(forms.Field):
    """A time of day, typed as 10am, 2:30pm or 14:30."""

    default_error_messages = {"invalid": "Enter a time like 10am, 2:30pm or 14:30"}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example, 10am, 2:30pm or 14:30")
        kwargs.setdefault("widget", forms.TextInput(attrs={"data-width": "5"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > 10:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parse_time(text, self.error_messages["invalid"])

    def prepare_value(self, value):
        if isinstance(value, time):
            return format_time(value)
        return value


def parse_time(text: str, message: str) -> time:
    plain = text.lower().replace(" ", "")
    if plain in {"noon", "midday", "12noon"}:
        return time(12, 0)
    match = TIME_PATTERN.match(plain)
    if not match:
        raise forms.ValidationError(message, code="invalid")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            raise forms.ValidationError(message, code="invalid")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise forms.ValidationError(message, code="invalid")
    return time(hour, minute)


def format_time(value: time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d}{suffix}" if value.minute else f"{hour}{suffix}"


def check_start_and_end(form: forms.Form, *, day: str, start: str, end: str) -> None:
    """Refuses a start in the past and an end before the start, beside the field at fault."""
    data = form.cleaned_data
    when, starts, ends = data.get(day), data.get(start), data.get(end)
    now = timezone.localtime()
    if when and when < now.date():
        form.add_error(day, "The date must be today or in the future")
    elif when and starts and datetime.combine(when, starts) <= now.replace(tzinfo=None):
        form.add_error(start, "This time has already passed: choose a later time")
    if starts and ends and ends <= starts:
        form.add_error(end, "The end time must be after the start time")
