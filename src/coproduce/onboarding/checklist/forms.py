"""The lead's choice of which checklist items are required."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.onboarding.models import ChecklistItem


class RequiredItemsForm(NHSFormMixin, forms.Form):
    subjects = {"required": "the items an expert must have done"}

    required = forms.MultipleChoiceField(
        choices=ChecklistItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What must an expert have done before they are made active?",
        help_text="Items you leave unticked are still shown on each checklist, but do not "
        "stop anyone being made active",
    )
