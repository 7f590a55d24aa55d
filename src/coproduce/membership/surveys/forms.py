"""The forms of surveys: the survey itself, one question, and the answers (the member's page
and the membership office's copy of a paper form). Messages are written for the person and
keep what was typed."""

from collections.abc import Sequence

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.membership.members.models import Constituency
from coproduce.membership.surveys.choices import RATINGS, QuestionKind
from coproduce.membership.surveys.models import (
    INTRODUCTION_MAX,
    QUESTION_MAX,
    TEXT_ANSWER_MAX,
    TITLE_MAX,
    Question,
)
from coproduce.membership.surveys.services import CLOSES_IN_PAST, Given

ALL_MEMBERS = "all"
LEGEND = {"data-label-class": "nhsuk-fieldset__legend--m"}
YES_NO = [("yes", "Yes, an answer is needed"), ("no", "No, it can be left blank")]


def _audience_choices(constituencies: Sequence[Constituency]) -> list[tuple[str, str]]:
    return [(ALL_MEMBERS, "All current members")] + [
        (str(c.pk), f"Members of the {c.name} constituency") for c in constituencies
    ]


class SurveyForm(NHSFormMixin, forms.Form):
    subjects = {"audience": "who the survey is for"}

    title = forms.CharField(label="Title", max_length=TITLE_MAX)
    introduction = forms.CharField(
        label="Introduction (optional)",
        help_text="A few plain words at the top of the survey and in the email: why you ask, "
        "and what you will do with the answers.",
        max_length=INTRODUCTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience = forms.ChoiceField(
        label="Who is it for?", choices=[], widget=forms.RadioSelect(attrs=LEGEND)
    )
    closes_on = DateInputField(
        label="Closing date",
        subject="Closing date",
        required_message="Enter the closing date",
        help_text="The last day members can answer. For example, 31 3 2027",
    )

    def __init__(self, *args, constituencies: Sequence[Constituency] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.constituencies = {str(c.pk): c for c in constituencies}
        field = self.fields["audience"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _audience_choices(constituencies)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(CLOSES_IN_PAST, code="past")
        return closes_on

    def constituency(self) -> Constituency | None:
        return self.constituencies.get(self.cleaned_data["audience"])


class QuestionForm(NHSFormMixin, forms.Form):
    subjects = {
        "kind": "the kind of answer",
        "required": "if an answer is needed",
        "text": "the question",
    }

    text = forms.CharField(label="Question", max_length=QUESTION_MAX)
    kind = forms.ChoiceField(
        label="What kind of answer?",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    choices = forms.CharField(
        label="Choices (for one choice or several choices)",
        help_text="One choice on each line. At least 2.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    required = forms.ChoiceField(
        label="Must members answer it?", choices=YES_NO, widget=forms.RadioSelect(attrs=LEGEND)
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") in {QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES}:
            lines = [line.strip() for line in data.get("choices", "").splitlines()]
            if len([line for line in lines if line]) < 2 and "choices" not in self.errors:
                self.add_error("choices", "Give at least 2 choices, one on each line")
        return data

    def choice_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        return {
            "text": question.text,
            "kind": question.kind,
            "choices": "\n".join(question.choices),
            "required": "yes" if question.required else "no",
        }


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(NHSFormMixin, forms.Form):
    """The survey's questions, numbered, as NHS radios, checkboxes and text boxes."""

    def __init__(self, *args, questions: Sequence[Question] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        # Labels are the questions themselves, so each message names the question's number.
        self.subjects = {}
        for number, question in enumerate(self.questions, start=1):
            name = field_name(question)
            label = f"{number}. {question.text}"
            if not question.required:
                label += " (optional)"
            self.subjects[name] = f"an answer to question {number}"
            field: forms.Field
            if question.kind == QuestionKind.FREE_TEXT:
                field = forms.CharField(
                    label=label,
                    max_length=TEXT_ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 4, "data-label-class": "nhsuk-label--m"}),
                )
                self.subjects[name] = f"your answer to question {number}"
            elif question.kind == QuestionKind.SEVERAL_CHOICES:
                field = forms.MultipleChoiceField(
                    label=label,
                    help_text="Choose all that apply.",
                    choices=[(c, c) for c in question.choices],
                    widget=forms.CheckboxSelectMultiple(attrs=LEGEND),
                )
            else:
                choices = (
                    RATINGS
                    if question.kind == QuestionKind.RATING
                    else [(c, c) for c in question.choices]
                )
                field = forms.ChoiceField(
                    label=label, choices=choices, widget=forms.RadioSelect(attrs=LEGEND)
                )
            field.required = question.required
            self.fields[name] = field

    def given(self) -> Given:
        return {q.pk: self.cleaned_data.get(field_name(q)) or "" for q in self.questions}


class PaperForm(AnswerForm):
    """A paper form copied by the membership office: the answers, and the constituency written
    on it, if any."""

    def __init__(
        self,
        *args,
        questions: Sequence[Question] = (),
        constituencies: Sequence[Constituency] = (),
        **kwargs,
    ):
        super().__init__(*args, questions=questions, **kwargs)
        self.constituencies = {str(c.pk): c for c in constituencies}
        self.fields["constituency"] = forms.ChoiceField(
            label="Constituency written on the form",
            choices=[("", "Not given")] + [(str(c.pk), c.name) for c in constituencies],
            required=False,
        )

    def written_constituency(self) -> Constituency | None:
        return self.constituencies.get(self.cleaned_data.get("constituency") or "")
