"""Shapes an expert's audit history into the words the history page shows: "Tuesday" not
['tue'], "Tuesday 2 December 2026 at 12pm" not 2026-12-02 12:00:00+00:00, "£12.50", "Yes".

The audit stores each value as plain JSON when the change is made (`audit.services.snapshot`):
a choice as its label or its stored value, a foreign key or a list entry as its name, a date, a
time or an amount as text. So nothing here queries the database: the page's query count stays
the same however many changes it lists."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst, get_text_list

from coproduce.audit.models import AuditEvent
from coproduce.core.formats import hours, long_date, money, time_of_day
from coproduce.people.choices import TimeOfDay, Weekday

BLANK = "Not given"

EXPORTS = {
    AuditEvent.Action.REGISTER_EXPORTED,
    AuditEvent.Action.PAYMENT_RUN_EXPORTED,
    AuditEvent.Action.STATEMENT_DOWNLOADED,
    AuditEvent.Action.SUBJECT_ACCESS_EXPORTED,
}

# Lists of choices kept in a JSON field, which has no choices of its own to look up.
LIST_CHOICES: dict[tuple[str, str], type[models.TextChoices]] = {
    ("people.expert", "available_days"): Weekday,
    ("people.expert", "available_times"): TimeOfDay,
}

# Decimal fields that count something other than pounds.
NOT_MONEY = {"hours", "quantity", "half_day_hours", "day_hours"}

# Older records kept a photo as a marker, not a file name.
PHOTO_WORDS = {"(file)": "A photo", "(new photo)": "A new photo"}


def _field(model_label: str, name: str) -> models.Field | None:
    try:
        return apps.get_model(model_label)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _is_blank(value: Any, field: models.Field | None) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    # Some services stored str(None) for an empty date, amount or person.
    text_field = isinstance(field, models.CharField | models.TextField) and not field.choices
    return value == "None" and not text_field


def _choice_label(choices, value: Any) -> str:
    labels = {str(key): str(label) for key, label in choices}
    return labels.get(str(value), str(value))


def _date_time(value: Any) -> str:
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return f"{long_date(value)} at {time_of_day(value)}"


def _date(value: Any) -> str:
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    return long_date(value)


def _decimal(name: str, value: Any) -> str:
    try:
        Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return hours(value) if name in NOT_MONEY else money(value)


def _yes_no(value: Any) -> str:
    if value in (True, "True", "true"):
        return "Yes"
    if value in (False, "False", "false"):
        return "No"
    return str(value)


def _list(items: list[Any], choices: type[models.TextChoices] | None) -> str:
    if choices is not None:
        order = {str(v): i for i, v in enumerate(choices.values)}
        items = sorted(items, key=lambda v: order.get(str(v), len(order)))
        items = [_choice_label(choices.choices, v) for v in items]
    return get_text_list([str(i) for i in items], "and")


def value_words(model_label: str, name: str, value: Any) -> str:
    """One stored value as a person reads it."""
    field = _field(model_label, name)
    if _is_blank(value, field):
        return BLANK
    if isinstance(value, list):
        return _list(value, LIST_CHOICES.get((model_label, name)))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if field is None:
        return str(value)
    if field.choices:
        return _choice_label(field.choices, value)
    if isinstance(field, models.BooleanField):
        return _yes_no(value)
    if isinstance(field, models.DateTimeField):
        return _date_time(value)
    if isinstance(field, models.DateField):
        return _date(value)
    if isinstance(field, models.DecimalField):
        return _decimal(name, value)
    if isinstance(field, models.FileField):
        return PHOTO_WORDS.get(str(value), "A file")
    return str(value)


def field_words(model_label: str, name: str) -> str:
    field = _field(model_label, name)
    label = str(field.verbose_name) if field is not None else name.replace("_", " ")
    return capfirst(label)


class ChangeRow:
    def __init__(self, model_label: str, name: str, pair: Any):
        before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        self.field = field_words(model_label, name)
        self.before = value_words(model_label, name, before)
        self.after = value_words(model_label, name, after)


class AuditEventPresenter:
    def __init__(self, event: AuditEvent):
        self.event = event
        self.at = event.at
        self.by = event.actor_label
        # Every action is on the list (audit.services refuses others); the words stand in for
        # an old record's action that is not.
        action = _choice_label(AuditEvent.Action.choices, event.action)
        self.what = f"{capfirst(action)}: {event.summary}" if event.summary else capfirst(action)
        # An export keeps what was in it (format, tax year), not a change: its summary says it.
        self.changes = (
            []
            if event.action in EXPORTS
            else [
                ChangeRow(event.model, name, pair) for name, pair in (event.changes or {}).items()
            ]
        )
