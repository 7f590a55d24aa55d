"""Forms render NHS.UK components: `{{ form.email.as_field_group() }}` in a template gives the
label, hint, error message beside the field and the input, keeping what was typed."""

from django import forms
from django.forms.renderers import TemplatesSetting

from coproduce.core.dates import DateInputWidget


class NHSFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.jinja"
    field_template_name = "forms/field.jinja"


def widget_kind(field: forms.BoundField) -> str:
    """The NHS component that draws this field."""
    widget = field.field.widget
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
    for choice_value, label in field.field.choices:
        raw = getattr(choice_value, "value", choice_value)
        raw = "" if raw is None else str(raw)
        items.append(
            {"value": raw, "text": str(label), "checked": raw in chosen, "selected": raw in chosen}
        )
    return items


def required_message(field: forms.BoundField) -> str:
    """A message that names what is missing. Django's "This field is required." says nothing
    in the error summary, where errors are read away from their fields."""
    label = str(field.label or field.name).strip().rstrip(".:")
    if label.endswith("?"):
        return f"Answer the question: {label}"
    # "Full name" reads "Enter full name"; "NHS number" keeps its capitals.
    phrase = label[:1].lower() + label[1:] if label[1:2].islower() else label
    kind = widget_kind(field)
    if kind in {"input", "textarea", "date"}:
        return f"Enter {phrase}"
    if kind == "file":
        return f"Choose a file for {phrase}"
    if kind == "checkbox":
        return f"Tick the box to say: {phrase}"
    return f"Choose {phrase}"


class NHSFormMixin:
    """Adds what the error summary needs: each error with the id of its field, and a required
    message that names the field where a form has not written its own."""

    def full_clean(self) -> None:
        # Here rather than in __init__, so that labels a form changes after __init__ are used.
        form: forms.Form = self  # type: ignore[assignment]
        default = str(forms.Field.default_error_messages["required"])
        for name, field in form.fields.items():
            if str(field.error_messages.get("required", "")) == default:
                field.error_messages["required"] = required_message(form[name])
            # Django's own words show a database id ("5 is not one of the available choices").
            # This happens when a choice stops being offered while someone fills in the form.
            invalid = field.error_messages.get("invalid_choice")
            if invalid is not None and str(invalid).startswith("Select a valid choice."):
                label = str(field.label or name).strip().replace("%", "%%")
                field.error_messages["invalid_choice"] = (
                    f"Select a valid choice for ‘{label}’: one of the choices you made is no "
                    "longer available"
                )
        super().full_clean()  # type: ignore[misc]

    def error_list(self) -> list[dict]:
        form: forms.Form = self  # type: ignore[assignment]
        items = []
        for name, errors in form.errors.items():
            if name == "__all__":
                # Not about one field, so nothing to link to.
                items.extend({"text": str(e)} for e in errors)
                continue
            # NHS radios and checkboxes give their first item the field's own id; a date
            # input links to its day box.
            bound = form[name]
            anchor = getattr(bound, "error_anchor", None) or bound.auto_id
            items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
        return items
