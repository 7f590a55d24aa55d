"""The involvement lead's form for the public page's words."""

from django import forms

from coproduce.core.forms import NHSFormMixin


class InvolvementWordsForm(NHSFormMixin, forms.Form):
    what_involvement_is = forms.CharField(
        label="What involvement is here (optional)",
        help_text="A few paragraphs in plain English. Leave it empty to show our standard words.",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    how_to_get_involved = forms.CharField(
        label="How to get involved (optional)",
        help_text="Shown above the link to the sign-up form. Leave it empty to show our "
        "standard words.",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    subjects = {
        "what_involvement_is": "what involvement is here",
        "how_to_get_involved": "how to get involved",
    }
