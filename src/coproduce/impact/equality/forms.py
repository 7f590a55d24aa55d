"""The equality monitoring questions (the expert's own, and a coordinator's copy of a paper
form), the local population for one characteristic, the fewest people shown, and the period
and team the comparison is for."""

from datetime import date, timedelta

from django import forms

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.impact.equality.categories import (
    CHARACTERISTICS,
    ETHNIC_DETAIL,
    GROUP_OF_DETAIL,
    PREFER_NOT,
    Characteristic,
    choices_of,
)
from coproduce.impact.equality.models import FEWEST_ALLOWED, MOST_ALLOWED
from coproduce.impact.equality.services import ANSWER_FIELDS

LEGEND = {"data-label-class": "nhsuk-fieldset__legend--s"}
NEED_CONSENT = "Tick the box to say we may keep your answers"
NEED_PAPER_CONSENT = "Tick the box to say the expert gave their consent on the paper form"
DETAIL_NOT_IN_GROUP = "Choose a group that is part of the ethnic group you chose, or leave it"
DETAIL_BUT_PREFER_NOT = "You chose ‘Prefer not to say’ for your ethnic group. Leave this blank"


def _question(characteristic: Characteristic) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=characteristic.question,
        help_text=characteristic.hint,
        required=False,
        choices=choices_of(characteristic),
        widget=forms.RadioSelect(attrs=LEGEND),
    )


class AnswersForm(NHSFormMixin, forms.Form):
    """Every question optional; keeping any answer needs the consent box ticked."""

    consent_label = "You may keep these answers to see whose voices are missing"
    consent_hint = (
        "We keep them apart from your other details. We only count them together with other "
        "people's answers. You can change them or take them away at any time."
    )
    consent_message = NEED_CONSENT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {
            "consent": forms.BooleanField(
                label=self.consent_label,
                help_text=self.consent_hint,
                required=True,
                error_messages={"required": self.consent_message},
            )
        }
        for characteristic in CHARACTERISTICS:
            fields[characteristic.slug] = _question(characteristic)
            if characteristic.slug == "ethnic_group":
                fields["ethnic_detail"] = forms.ChoiceField(
                    label="If you want to, say more about your ethnic group",
                    help_text="You do not have to.",
                    required=False,
                    choices=[("", "I do not want to say more")]
                    + [(key, label) for key, label, _ in ETHNIC_DETAIL],
                )
        self.fields = fields

    def clean(self):
        data = super().clean()
        detail = data.get("ethnic_detail")
        group = data.get("ethnic_group")
        if detail:
            if group == PREFER_NOT:
                self.add_error("ethnic_detail", DETAIL_BUT_PREFER_NOT)
            elif group and GROUP_OF_DETAIL.get(detail) != group:
                self.add_error("ethnic_detail", DETAIL_NOT_IN_GROUP)
        return data

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in ANSWER_FIELDS}


class PaperForm(AnswersForm):
    consent_label = "The expert gave their consent on the paper form for us to keep these answers"
    consent_hint = (
        "Only copy answers from a form the expert signed to say we may keep them. "
        "Once saved, you will not see these answers again."
    )
    consent_message = NEED_PAPER_CONSENT


class PopulationForm(NHSFormMixin, forms.Form):
    """A count for each census category of one characteristic, and where they came from."""

    source = forms.CharField(
        label="Where the figures come from",
        help_text="The census, its table and the area. For example, Census 2021, table TS021, "
        "Exampleshire.",
        max_length=200,
        error_messages={"required": "Enter where the figures come from"},
    )

    def __init__(self, *args, characteristic: Characteristic, **kwargs):
        super().__init__(*args, **kwargs)
        self.characteristic = characteristic
        self.subjects = {}
        for key, label in characteristic.categories:
            name = f"count_{key}"
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=100_000_000,
                error_messages={
                    "required": f"Enter the number of people for ‘{label}’, or 0",
                    "invalid": f"Enter the number of people for ‘{label}’ as a whole number, "
                    "like 12500",
                    "min_value": f"The number of people for ‘{label}’ must be 0 or more",
                    "max_value": f"The number of people for ‘{label}’ must be 100,000,000 or fewer",
                },
                widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "10"}),
            )
        self.fields = {
            **{n: f for n, f in self.fields.items() if n != "source"},
            "source": self.fields["source"],
        }

    def clean_source(self) -> str:
        return (self.cleaned_data.get("source") or "").strip()

    def counts(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"count_{key}"] for key in self.characteristic.keys}


class FewestForm(NHSFormMixin, forms.Form):
    fewest = forms.IntegerField(
        label="Fewest people we show",
        help_text="A group of fewer people than this reads ‘fewer than’ the number, so nobody "
        "can be picked out. We suggest 10.",
        min_value=FEWEST_ALLOWED,
        max_value=MOST_ALLOWED,
        error_messages={
            "required": "Enter the fewest people we show",
            "invalid": "Enter the fewest people we show as a whole number, like 10",
            "min_value": f"The fewest people we show must be {FEWEST_ALLOWED} or more",
            "max_value": f"The fewest people we show must be {MOST_ALLOWED} or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )


THIS_YEAR = "this_year"
LAST_YEAR = "last_year"
LAST_12_MONTHS = "last_12_months"
CHOSEN_DATES = "dates"
PERIODS = [
    (THIS_YEAR, "This financial year"),
    (LAST_YEAR, "Last financial year"),
    (LAST_12_MONTHS, "The last 12 months"),
    (CHOSEN_DATES, "Dates I choose"),
]


class PeriodForm(NHSFormMixin, forms.Form):
    """The comparison's period (a preset, or dates) and, if chosen, a team."""

    period = forms.ChoiceField(label="Period", choices=PERIODS, required=False)
    start = DateInputField(
        label="From",
        required=False,
        subject="The start of the period",
        help_text="For example, 1 4 2026. Only for ‘Dates I choose’.",
    )
    end = DateInputField(
        label="To",
        required=False,
        subject="The end of the period",
        help_text="For example, 31 3 2027. Only for ‘Dates I choose’.",
    )
    team = forms.TypedChoiceField(
        label="Involved in the work of", required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        if isinstance(team_field, forms.ChoiceField):
            team_field.choices = [("", "Every team"), *((t.pk, t.name) for t in teams)]

    def clean(self):
        data = super().clean()
        if data.get("period") == CHOSEN_DATES:
            start, end = data.get("start"), data.get("end")
            if not start and not self.has_error("start"):
                self.add_error("start", "Enter the start of the period")
            if not end and not self.has_error("end"):
                self.add_error("end", "Enter the end of the period")
            if start and end and end < start:
                self.add_error("end", "The end of the period must be on or after its start")
        return data

    def dates(self, today: date) -> tuple[date, date]:
        """The first and last day chosen; this financial year unless the form says else."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        period = data.get("period") or THIS_YEAR
        if period == CHOSEN_DATES:
            return data["start"], data["end"]
        if period == LAST_12_MONTHS:
            return today - timedelta(days=364), today
        year = financial_year_of(today) - (1 if period == LAST_YEAR else 0)
        chosen = financial_year(year)
        return chosen.first, chosen.last

    def team_id(self) -> int | None:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("team")
        return None
