"""Forms render NHS.UK components: `{{ form.email.as_field_group() }}` in a template gives the
label, hint, error message beside the field and the input, keeping what was typed."""

from django import forms
from django.forms.renderers import TemplatesSetting


class NHSFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.jinja"
    field_template_name = "forms/field.jinja"


def widget_kind(field: forms.BoundField) -> str:
    """The NHS component that draws this field."""
    widget = field.field.widget
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


class NHSFormMixin:
    """Adds what the error summary needs: each error with the id of its field."""

    def error_list(self) -> list[dict]:
        form: forms.Form = self  # type: ignore[assignment]
        items = []
        for name, errors in form.errors.items():
            if name == "__all__":
                items.extend({"text": str(e), "href": "#"} for e in errors)
                continue
            # NHS radios and checkboxes give their first item the field's own id.
            anchor = form[name].auto_id
            items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
        return items
