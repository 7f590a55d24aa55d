"""The feedback form: four questions with big radio buttons in plain words, a box for anything
else, and whether we may use their name. Messages are written for the person."""

from django import forms

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.impact.feedback.questions import (
    ANONYMOUS,
    ANONYMOUS_CHOICES,
    ANONYMOUS_HINT,
    ANONYMOUS_LABEL,
    COMMENTS_LABEL,
    QUESTIONS,
)
from coproduce.impact.feedback.services import COMMENTS_MAX, Answers

# The question as the legend, a size up from the usual, so each stands out on a phone.
LEGEND = {"data-label-class": "nhsuk-fieldset__legend--m"}


class FeedbackForm(NHSFormMixin, forms.Form):
    subjects = {
        **{q.field: q.subject for q in QUESTIONS},
        "anonymous": "if we can put your name with your answers",
        "comments": "what you want to tell us",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.field] = forms.ChoiceField(
                label=q.text,
                help_text=q.hint,
                choices=[(c.value, c.label) for c in q.choices],
                widget=forms.RadioSelect(attrs=LEGEND),
            )
        self.fields["comments"] = forms.CharField(
            label=COMMENTS_LABEL,
            max_length=COMMENTS_MAX,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4, "data-label-class": "nhsuk-label--m"}),
        )
        self.fields["anonymous"] = forms.ChoiceField(
            label=ANONYMOUS_LABEL,
            help_text=ANONYMOUS_HINT,
            choices=ANONYMOUS_CHOICES,
            widget=forms.RadioSelect(attrs=LEGEND),
        )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            **{q.field: data[q.field] for q in QUESTIONS},
            comments=data.get("comments", ""),
            anonymous=data["anonymous"] == ANONYMOUS,
        )


class PeriodForm(NHSFormMixin, forms.Form):
    """The overview's filters: a team and a period (by the day the session started)."""

    team = forms.TypedChoiceField(
        label="Team", required=False, coerce=int, empty_value=None, choices=[]
    )
    start = DateInputField(
        label="From (optional)",
        required=False,
        subject="The start of the period",
        help_text="For example, 1 4 2026",
    )
    end = DateInputField(
        label="To (optional)",
        required=False,
        subject="The end of the period",
        help_text="For example, 31 3 2027",
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ChoiceField)
        team_field.choices = [("", "Every team"), *((t.pk, t.name) for t in teams)]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be on or after its start")
        return data
