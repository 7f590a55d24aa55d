"""Forms render NHS.UK components: `{{ form.email.as_field_group() }}` in a template gives the
label, hint, error message beside the field and the input, keeping what was typed."""

import functools
import inspect
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from coproduce.core.dates import DateInputWidget
from coproduce.core.formats import count_of, lower_first, money


class NHSFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.jinja"
    field_template_name = "forms/field.jinja"


def widget_kind(field: forms.BoundField | forms.Field) -> str:
    """The NHS component that draws this field."""
    widget = field.field.widget if isinstance(field, forms.BoundField) else field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def field_items(field: forms.BoundField) -> list[dict]:
    """Choices as NHS component items, marking the ones already chosen."""
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    items = []
    # Only fields with choices come here; the stubs type a field's choices as anything that can
    # be made into them, but Django has made them (value, label) pairs by now.
    with_choices = cast(forms.ChoiceField, field.field)
    pairs: Iterable[tuple[Any, Any]] = with_choices.choices  # type: ignore[assignment]
    for choice_value, label in pairs:
        raw = getattr(choice_value, "value", choice_value)
        raw = "" if raw is None else str(raw)
        items.append(
            {"value": raw, "text": str(label), "checked": raw in chosen, "selected": raw in chosen}
        )
    return items


def _label_text(field: forms.Field, name: str) -> str:
    return str(field.label or name.replace("_", " ")).strip().rstrip(".:")


def subject_of(field: forms.Field, name: str) -> str:
    """What the field asks for, to go mid-sentence in a message: "Full name" as "full name",
    "Earnings limit in pounds" as "earnings limit", "Reason (optional)" as "reason". A label
    that is a question ("What is the work called?") has no such phrase: a form names those
    fields in its `subjects` ("what the work is called")."""
    label = _label_text(field, name)
    label = PARENTHESES_AT_END.sub("", label)
    label = IN_POUNDS_AT_END.sub("", label)
    if label.endswith("?"):
        return f"the answer to ‘{label}’"
    return lower_first(label)


PARENTHESES_AT_END = re.compile(r"\s*\([^)]*\)$")
IN_POUNDS_AT_END = re.compile(r",? in pounds$", re.IGNORECASE)


def in_pounds(field: forms.Field) -> bool:
    return getattr(field, "in_pounds", False) or "in pounds" in str(field.label or "").lower()


def required_message(field: forms.BoundField, subject: str = "") -> str:
    """A message that names what is missing. Django's "This field is required." says nothing
    in the error summary, where errors are read away from their fields."""
    label = _label_text(field.field, field.name)
    if not subject and PARENTHESES_AT_END.sub("", label).endswith("?"):
        # Only the form can say this well ("Enter what the work is called"): the test of
        # every form's messages fails on this one, to say a subject is missing.
        return f"Answer the question: {label}"
    phrase = subject or subject_of(field.field, field.name)
    kind = widget_kind(field)
    if kind in {"input", "textarea", "date"}:
        return f"Enter {phrase}"
    if kind == "file":
        return f"Choose a file for {phrase}"
    if kind == "checkbox":
        return f"Tick the box to say: {phrase}"
    return f"Choose {phrase}"


def _amount(value: Decimal | int | float, pounds: bool) -> str:
    number = Decimal(str(value))
    if not pounds:
        return f"{number.normalize():,f}"
    return f"£{number:,.0f}" if number == number.to_integral_value() else money(number)


def written_messages(field: forms.Field, subject: str) -> dict[str, str]:
    """A message for each of Django's error codes this field can give, written for the
    person and naming `subject`: "Hourly rate must be less than £100,000", "Full name must be
    150 characters or fewer". Django's own ("Ensure that there are no more than 7 digits in
    total.") never reach a page."""
    name = subject[:1].upper() + subject[1:]
    choose = "Choose" if widget_kind(field) != "input" else "Enter"
    messages = {
        "invalid_choice": f"{choose} {subject} again: one of the choices you made is no "
        "longer available",
    }
    # Django refuses a hidden "null" character in any answer, typed or chosen.
    messages["invalid_pk_value"] = messages["invalid_list"] = messages["invalid_choice"]
    messages["null_characters_not_allowed"] = messages["invalid_choice"]
    if isinstance(field, forms.FileField):
        messages |= {
            "invalid": f"Choose a file for {subject}",
            "missing": f"Choose a file for {subject}",
            "empty": f"The file you chose for {subject} is empty",
            "contradiction": f"Either choose a new file for {subject} or tick the box to remove "
            "the one there now, not both",
        }
        if field.max_length:
            messages["max_length"] = (
                f"The file name must be {field.max_length:,} characters or fewer"
            )
    elif isinstance(field, forms.CharField):
        if field.max_length is not None:
            messages["max_length"] = f"Enter {subject} in {field.max_length:,} characters or fewer"
        if field.min_length is not None:
            messages["min_length"] = f"Enter {subject} in {field.min_length:,} characters or more"
        messages["null_characters_not_allowed"] = (
            f"Type {subject} again rather than pasting it: it has a character we cannot accept"
        )
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = "Enter a web address in the correct format, like https://www.nhs.uk"
    if isinstance(field, forms.IntegerField):  # and DecimalField, FloatField
        messages |= _number_messages(field, subject, name)
    return messages


def _number_messages(field: forms.IntegerField, subject: str, name: str) -> dict[str, str]:
    pounds = in_pounds(field)
    low, high = field.min_value, field.max_value
    messages: dict[str, str] = {}
    if isinstance(field, forms.DecimalField):
        places = field.decimal_places
        messages["invalid"] = (
            f"Enter {subject} as an amount in pounds, like 12.50"
            if pounds
            else f"Enter {subject} as a number"
        )
        if places:
            messages["max_decimal_places"] = (
                f"Enter {subject} with no more than {count_of(places, 'number')} after the "
                "decimal point"
            )
        else:
            messages["max_decimal_places"] = f"Enter {subject} as a whole number"
        if field.max_digits is not None:
            # The most whole digits there is room for: 7 digits with 2 places is under 100,000.
            cap = Decimal(10) ** (field.max_digits - (places or 0))
            too_big = f"{name} must be less than {_amount(cap, pounds)}"
            messages["max_digits"] = messages["max_whole_digits"] = too_big
    else:
        messages["invalid"] = f"Enter {subject} as a whole number"
    if low is not None:
        messages["min_value"] = f"{name} must be {_amount(low, pounds)} or more"
    if high is not None:
        messages["max_value"] = f"{name} must be {_amount(high, pounds)} or less"
        if "max_digits" in messages:
            messages["max_digits"] = messages["max_whole_digits"] = messages["max_value"]
    if low is not None and high is not None:
        between = f"{name} must be between {_amount(low, pounds)} and {_amount(high, pounds)}"
        for code in ("min_value", "max_value", "max_digits", "max_whole_digits"):
            if code in messages:
                messages[code] = between
    if field.step_size is not None:
        messages["step_size"] = f"{name} must be a multiple of {_amount(field.step_size, pounds)}"
    return messages


@functools.cache
def _validator_classes_messages(code: str) -> tuple:
    """The messages of Django's validator classes for this code. Looked up once per code: every
    form that is sent asks, for each of its fields, and the module does not change."""
    return tuple(
        klass.message
        for klass in vars(validators).values()
        if inspect.isclass(klass) and klass.__dict__.get("code") == code
    )


_CLASS_DEFAULTS: dict[tuple[type, str], tuple] = {}


def _class_defaults(klass: type, code: str) -> tuple:
    """The messages Django's own field classes give this code, for a field of `klass`, as
    they are written in the classes (lazily translated). Looked up once per class and code:
    every form that is sent asks for each of its fields (a ballot of ten candidates, for every
    vote)."""
    key = (klass, code)
    if key not in _CLASS_DEFAULTS:
        _CLASS_DEFAULTS[key] = tuple(
            base.__dict__["default_error_messages"][code]
            for base in klass.__mro__
            if base.__module__.startswith("django.")
            and code in base.__dict__.get("default_error_messages", {})
        )
    return _CLASS_DEFAULTS[key]


def django_defaults(field: forms.Field, code: str) -> list:
    """Django's own messages for this code on this field, as they would be written before
    their values are filled in."""
    found: list[Any] = [str(message) for message in _class_defaults(type(field), code)]
    # Some fields call a validator of their own rather than list it: ModelChoiceField refuses
    # a null character so.
    found.extend(_validator_classes_messages(code))
    # Typed as plain callables; Django's own validators carry a code and a message.
    checks: list[Any] = field.validators
    for validator in checks:
        if getattr(validator, "code", None) == code:
            found.append(validator.message)
        by_code = getattr(validator, "messages", None)  # DecimalValidator's
        if isinstance(by_code, dict) and code in by_code:
            found.append(by_code[code])
    return found


def _is_django_default(field: forms.Field, code: str) -> bool:
    current = field.error_messages.get(code)
    if current is None:
        return True
    # Usually the very message the field's class gives, untouched: known without translating.
    if any(current is message for message in _class_defaults(type(field), code)):
        return True
    return any(current is m or str(current) == str(m) for m in django_defaults(field, code))


class PoundsField(forms.DecimalField):
    """An amount of money: also takes "£12.50" and "1,200", and its messages give amounts in
    pounds ("Earnings limit must be less than £1,000,000")."""

    in_pounds = True

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").strip()
            if len(value) > 30:  # no amount is this long: refused before Decimal reads it
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


if TYPE_CHECKING:  # a mixin for forms: checked as one
    _Form = forms.Form
else:
    _Form = object


class NHSFormMixin(_Form):
    """Adds what the error summary needs: each error with the id of its field, in the order
    of the page, one message for each field, and messages written for the person wherever a
    form has not written its own. `subjects` names fields whose label is a question, for those
    messages: {"title": "what the work is called"} gives "Enter what the work is called"."""

    subjects: dict[str, str] = {}

    def subject_for(self, name: str) -> str:
        # A form that makes its fields as it goes may name them on the instance.
        for klass in [self, *type(self).__mro__]:
            subject = vars(klass).get("subjects", {}).get(name)
            if subject:
                return subject
        return subject_of(self.fields[name], name)

    def full_clean(self) -> None:
        if not self.is_bound:
            # Nothing to check, so no messages to write: asking an empty form for its errors
            # (every page's layout does, for the error summary) costs nothing.
            super().full_clean()
            return
        # Here rather than in __init__, so that labels a form changes after __init__ are used.
        for name, field in self.fields.items():
            subject = self.subject_for(name)
            if _is_django_default(field, "required"):
                given = "" if subject.startswith("the answer to ‘") else subject
                field.error_messages["required"] = required_message(self[name], given)
            for code, message in written_messages(field, subject).items():
                if _is_django_default(field, code):
                    # Messages are %-formatted with the values Django gives them.
                    field.error_messages[code] = message.replace("%", "%%")
        super().full_clean()
        self._one_written_message_each()

    def _one_written_message_each(self) -> None:
        """A field shows one message, the first found: two ("must be 24 or fewer" from the
        highest value and again from the digits) say the same thing twice. A message Django
        raised in its own words, past the field's messages, is put in ours."""
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            if field is None:
                continue
            del errors[1:]
            error = errors.as_data()[0]
            if error.code is None:  # no message of ours to put in its place
                continue
            written = field.error_messages.get(error.code)
            if written is not None and written is not error.message:
                if any(error.message is m for m in django_defaults(field, error.code)):
                    errors[0] = ValidationError(written, code=error.code, params=error.params)

    def error_list(self) -> list[dict]:
        order = {name: n for n, name in enumerate(self.fields)}
        items: list[dict] = []
        for name, errors in sorted(self.errors.items(), key=lambda e: order.get(e[0], -1)):
            if name == "__all__":
                # Not about one field, so nothing to link to.
                items.extend({"text": str(e)} for e in errors)
                continue
            # NHS radios and checkboxes give their first item the field's own id; a date
            # input links to its day box.
            bound = self[name]
            anchor = getattr(bound, "error_anchor", None) or bound.auto_id
            items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
        return items
