"""The lead's forms for the Experts Report: the year to start, the foreword and highlights,
and a case study's title and summary for the report."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.impact.report.models import (
    CASE_SUMMARY_LENGTH,
    CASE_TITLE_LENGTH,
    FOREWORD_LENGTH,
    HIGHLIGHT_LENGTH,
    MOST_HIGHLIGHTS,
)

CHOOSE_YEAR = "Choose the year the report is for"
TOO_MANY_HIGHLIGHTS = (
    f"Write {MOST_HIGHLIGHTS} highlights at most, one on each line: you have written {{n}}"
)
LONG_HIGHLIGHT = (
    f"Keep each highlight to {HIGHLIGHT_LENGTH} characters or fewer: highlight {{n}} has {{length}}"
)


def _text(label: str, limit: int, *, rows: int, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=limit,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class StartForm(NHSFormMixin, forms.Form):
    year = forms.TypedChoiceField(
        label="Which year is the report for?",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_YEAR, "invalid_choice": CHOOSE_YEAR},
    )

    def __init__(self, data=None, *, years: list[int], **kwargs):
        super().__init__(data, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101  # nosec B101
        field.choices = [(y, f"1 April {y} to 31 March {y + 1}") for y in years]


class WriteForm(NHSFormMixin, forms.Form):
    foreword = _text(
        "Foreword",
        FOREWORD_LENGTH,
        rows=8,
        hint="A few paragraphs thanking the experts and saying what their work changed this "
        "year. Leave a blank line between paragraphs.",
    )
    highlights = _text(
        "Highlights",
        MOST_HIGHLIGHTS * (HIGHLIGHT_LENGTH + 2),
        rows=6,
        hint=f"Up to {MOST_HIGHLIGHTS} short highlights of the year, one on each line, such "
        "as ‘Experts sat on every consultant interview panel’.",
    )

    def clean_highlights(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["highlights"].splitlines()]
        items = [line for line in lines if line]
        if len(items) > MOST_HIGHLIGHTS:
            raise forms.ValidationError(TOO_MANY_HIGHLIGHTS.format(n=len(items)), code="many")
        for n, item in enumerate(items, start=1):
            if len(item) > HIGHLIGHT_LENGTH:
                raise forms.ValidationError(
                    LONG_HIGHLIGHT.format(n=n, length=len(item)), code="long"
                )
        return items


class CaseStudyForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Title in the report (optional)",
        help_text="A short title readers understand. Leave it empty to use the work's title.",
        required=False,
        max_length=CASE_TITLE_LENGTH,
        strip=True,
    )
    summary = _text(
        "Summary in the report (optional)",
        CASE_SUMMARY_LENGTH,
        rows=5,
        hint="A short paragraph on what experts said and what changed. Leave it empty to use "
        "the outcome's own words. Never name an expert without their agreement.",
    )
