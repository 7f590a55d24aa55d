"""The form the involvement lead writes a support sheet in."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.onboarding.models import SupportSheet


class SupportSheetForm(NHSFormMixin, forms.Form):
    subjects = {
        "title": "a title",
        "summary": "a summary",
        "audience": "who the sheet is for",
        "body": "what the sheet says",
        "position": "where the sheet comes in the list",
    }

    title = forms.CharField(max_length=120, label="Title")
    audience = forms.ChoiceField(
        choices=SupportSheet.Audience.choices,
        widget=forms.RadioSelect,
        label="Who is it for?",
    )
    summary = forms.CharField(
        max_length=300,
        label="Summary",
        help_text="One or two sentences, shown in the list of sheets",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        max_length=20_000,
        label="What the sheet says",
        help_text="Write in Markdown: see ‘How to add headings, lists, bold text and links’ "
        "above. Up to 20,000 characters",
        # Markdown's meaning can hang on spaces at the start of a line (a list inside a list).
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
    )
    position = forms.IntegerField(
        min_value=1,
        max_value=999,
        initial=1,
        label="Order in the list",
        help_text="Sheets are listed from the lowest number: 1 comes first",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Enter what the sheet says", code="required")
        return body
