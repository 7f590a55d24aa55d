"""Our own Jinja components, rendered on their own."""

from django import forms
from django.template import engines

from coproduce.core.forms import NHSFormMixin


class Filters(NHSFormMixin, forms.Form):
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=[("active", "Active"), ("paused", "Paused & resting")],
        widget=forms.CheckboxSelectMultiple,
    )


def render(form: forms.Form) -> str:
    env = engines["jinja2"].env
    template = env.from_string(
        '{% from "components/filter-checkboxes/macro.jinja" import filterCheckboxes %}'
        "{{ filterCheckboxes(form.status) }}"
    )
    return template.render(form=form)


def test_filter_checkboxes_give_nhs_markup_with_ids_the_error_summary_links_to():
    html = render(Filters({"status": ["paused"]}))
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Status</legend>' in html
    )
    assert 'id="id_status" name="status" type="checkbox" value="active">' in html
    assert 'id="id_status-2" name="status" type="checkbox" value="paused" checked>' in html
    assert 'for="id_status-2">Paused &amp; resting</label>' in html
    assert "nhsuk-error-message" not in html


def test_filter_checkboxes_show_the_error_beside_the_choices():
    form = Filters({"status": ["gone"]})
    assert not form.is_valid()
    html = render(form)
    assert "nhsuk-form-group--error" in html
    assert 'aria-describedby="id_status-error"' in html
    assert 'id="id_status-error"' in html
    assert "no longer available" in html
