"""Forms for the welcome pack: a section's wording, who signs the letter and which sheets go
in, marking a pack sent, and choosing experts to make packs for."""

from datetime import date

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import long_date
from coproduce.core.forms import NHSFormMixin
from coproduce.welcome.models import WelcomePrint
from coproduce.welcome.queries import FORMATS


class SectionForm(NHSFormMixin, forms.Form):
    subjects = {"body": "the wording", "easy_read": "the Easy Read wording"}

    body = forms.CharField(
        max_length=6000,
        label="Wording",
        help_text="Plain English, in short paragraphs. Leave an empty line between paragraphs; "
        "start a line with - to make a list",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Enter the wording for this section"},
    )
    easy_read = forms.CharField(
        max_length=4000,
        label="Easy Read wording",
        help_text="One short sentence on each line, with an empty line between them. "
        "Use everyday words",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter the Easy Read wording for this section"},
    )


class PackSettingsForm(NHSFormMixin, forms.Form):
    subjects = {"signed_by": "who signs the letter", "sheets": "the support sheets"}

    signed_by = forms.CharField(
        max_length=1000,
        required=False,
        label="Who signs the welcome letter",
        help_text="One person on each line: their name, a comma, then their role. For example, "
        "Sam Patel, Director of Nursing. Leave empty to sign it from the involvement team",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sheets = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label="Support sheets to add to every pack",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "A sheet you chose is no longer shown. Choose again"},
    )

    def __init__(self, *args, sheets: list, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sheets"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(sheet.pk, sheet.title) for sheet in sheets]

    def clean_signed_by(self) -> str:
        text = self.cleaned_data["signed_by"]
        for line in text.splitlines():
            if len(line.strip()) > 150:
                raise forms.ValidationError(
                    "Each line must be 150 characters or fewer: a name, a comma and a role"
                )
        return text


class MarkSentForm(NHSFormMixin, forms.Form):
    sent_on = DateInputField(
        label="Date the pack was sent or given",
        help_text="For example, 17 3 2027",
        required_message="Enter the date the pack was sent",
        subject="The date the pack was sent",
    )
    format = forms.ChoiceField(
        label="Which version was sent",
        choices=list(FORMATS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which version was sent"},
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def clean_sent_on(self) -> date:
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > self.today:
            raise forms.ValidationError(
                f"The date the pack was sent must be today, {long_date(self.today)}, or before"
            )
        return sent_on


PRINT_FORMATS = [
    (WelcomePrint.FORMAT_BY_NEEDS, "The version each person needs (from their needs)"),
    *FORMATS.items(),
]


class MadeActiveSinceForm(NHSFormMixin, forms.Form):
    since = DateInputField(
        label="Experts made active on or after",
        help_text="For example, 1 3 2027",
        required_message="Enter the date to make packs for experts made active since",
        subject="The date",
    )
    format = forms.ChoiceField(
        label="Version",
        choices=PRINT_FORMATS,
        initial=WelcomePrint.FORMAT_BY_NEEDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which version to make"},
    )


class ChosenExpertsForm(NHSFormMixin, forms.Form):
    expert = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Experts",
        error_messages={
            "required": "Choose at least one expert",
            "invalid_choice": "An expert you chose can no longer be chosen. Choose again",
        },
    )
    format = forms.ChoiceField(
        label="Version",
        choices=PRINT_FORMATS,
        initial=WelcomePrint.FORMAT_BY_NEEDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which version to make"},
    )

    def __init__(self, *args, expert_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in expert_ids]
