"""The forms for agreements: the lead's new agreement and new version, the expert's signature,
and the coordinator's record of a signature on paper."""

from datetime import date

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import long_date
from coproduce.core.forms import NHSFormMixin
from coproduce.onboarding.models import Agreement

MARKDOWN_HELP = (
    "Write in Markdown: ## for a heading, - for a list, **bold** for bold. Up to {n:,} characters"
)


def _not_blank(value: str, message: str) -> str:
    if not value.strip():
        raise forms.ValidationError(message, code="required")
    return value


class VersionForm(NHSFormMixin, forms.Form):
    """What a version says, in full and in Easy Read."""

    subjects = {
        "body": "what the agreement says",
        "easy_read": "the Easy Read version",
        "what_changed": "what changed",
    }

    body = forms.CharField(
        max_length=30_000,
        label="What the agreement says",
        help_text=MARKDOWN_HELP.format(n=30_000),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
    )
    easy_read = forms.CharField(
        max_length=20_000,
        label="Easy Read version",
        help_text="The same in short sentences and everyday words, one idea to a sentence. "
        + MARKDOWN_HELP.format(n=20_000),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
    )

    def clean_body(self) -> str:
        return _not_blank(self.cleaned_data["body"], "Enter what the agreement says")

    def clean_easy_read(self) -> str:
        return _not_blank(self.cleaned_data["easy_read"], "Enter the Easy Read version")


class NewAgreementForm(VersionForm):
    subjects = {**VersionForm.subjects, "kind": "what kind of agreement it is"}

    title = forms.CharField(max_length=120, label="Title")
    kind = forms.ChoiceField(
        choices=Agreement.Kind.choices,
        widget=forms.RadioSelect,
        label="What kind of agreement is it?",
    )
    field_order = ["title", "kind", "body", "easy_read"]


class NewVersionForm(VersionForm):
    what_changed = forms.CharField(
        max_length=500,
        label="What changed",
        help_text="In a sentence or two. Experts see this when they are asked to sign again",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version the lead was looking at: if another is published meanwhile, they are told.
    after = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    field_order = ["what_changed", "body", "easy_read", "after"]


class SignForm(NHSFormMixin, forms.Form):
    subjects = {"typed_name": "your full name"}

    typed_name = forms.CharField(
        max_length=200,
        label="Type your full name to sign",
        help_text="This is your signature. It means you have read the agreement and agree to it",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    # The version the expert read: a page left open while a new version is published is
    # refused, not signed for the new one.
    version = forms.IntegerField(widget=forms.HiddenInput)


class PaperSignatureForm(NHSFormMixin, forms.Form):
    subjects = {"agreement": "which agreement they signed", "typed_name": "their name"}

    agreement = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Which agreement did they sign?",
        help_text="The current version of each is shown",
    )
    signed_on = DateInputField(
        label="Date they signed it",
        help_text="For example, 17 3 2027",
        required_message="Enter the date they signed it",
        subject="The date they signed it",
    )
    typed_name = forms.CharField(
        max_length=200,
        label="Their name, as written on the paper",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    def __init__(self, *args, choices: list[tuple[int, str]], today: date | None = None, **kw):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kw)
        field = self.fields["agreement"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices

    def clean_signed_on(self) -> date:
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > self.today:
            raise forms.ValidationError(
                f"The date they signed it must be today, {long_date(self.today)}, or before"
            )
        return signed_on
