"""The lead's form for an ambition (its words, how progress is judged and an optional yearly
target), and the search for work to link to it."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.impact.ambitions.models import MOST_TARGET, Ambition, Measure
from coproduce.impact.ambitions.services import Wording

NEED_MEASURE = "Choose what the target counts, or delete the target"
NEED_TARGET = "Enter the target for a year, or choose ‘No target’"


class AmbitionForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Short title",
        help_text="A few words people will remember, such as ‘Experts are involved before "
        "decisions are made’.",
        max_length=120,
        error_messages={"required": "Enter a short title for the ambition"},
    )
    meaning = forms.CharField(
        label="What it means, in plain words",
        help_text="What will be different for people who use services and their carers.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the ambition means, in plain words"},
    )
    judged_by = forms.CharField(
        label="How progress will be judged",
        help_text="What you will look at to know it is happening, such as ‘the work linked "
        "to it is at the planning stage, before decisions’.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how progress against the ambition will be judged"},
    )
    measure = forms.ChoiceField(
        label="What a yearly target counts (optional)",
        help_text="Counted for the work linked to this ambition, in each financial year.",
        choices=Measure.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    target = forms.IntegerField(
        label="Target for a year (optional)",
        help_text="A whole number, such as 40 (sessions) or 500 (hours).",
        required=False,
        min_value=1,
        max_value=MOST_TARGET,
        error_messages={
            "invalid": "Enter the target as a whole number, like 40",
            "min_value": "Enter a target of 1 or more",
            "max_value": f"Enter a target of {MOST_TARGET:,} or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "5"}),
    )

    subjects = {
        "title": "a short title for the ambition",
        "meaning": "what the ambition means",
        "judged_by": "how progress will be judged",
        "target": "the target for a year",
    }

    def __init__(self, data=None, *, ambition: Ambition | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.initial.setdefault("measure", "")
        if ambition is not None:
            self.initial.update(
                title=ambition.title,
                meaning=ambition.meaning,
                judged_by=ambition.judged_by,
                measure=ambition.measure,
                target=ambition.target,
            )

    def clean(self):
        cleaned = super().clean()
        measure, target = cleaned.get("measure"), cleaned.get("target")
        if self.has_error("target"):
            return cleaned
        if target and not measure:
            self.add_error("measure", forms.ValidationError(NEED_MEASURE, code="required"))
        elif measure and not target:
            self.add_error("target", forms.ValidationError(NEED_TARGET, code="required"))
        return cleaned

    def wording(self) -> Wording:
        data = self.cleaned_data
        return Wording(
            title=data["title"],
            meaning=data["meaning"],
            judged_by=data["judged_by"],
            measure=data.get("measure") or "",
            target=data.get("target"),
        )


class FindWorkForm(NHSFormMixin, forms.Form):
    q = forms.CharField(
        label="Find work by its title or team",
        help_text="For example, ‘discharge’ or ‘Mental Health’.",
        max_length=100,
        required=False,
    )
