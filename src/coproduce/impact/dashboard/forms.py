"""The dashboard's choice of period and team: a financial year or quarter in one click, or any
days typed as the NHS.UK date input asks for them. Messages are written for the person."""

from datetime import date, timedelta
from typing import cast

from django import forms

from coproduce.core.dates import PARTS, DateInputField
from coproduce.core.formats import short_date
from coproduce.core.forms import NHSFormMixin
from coproduce.core.periods import financial_year, financial_year_of

LONGEST_YEARS = 5


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def presets(today: date) -> list[tuple[str, date, date]]:
    """The periods offered as links: (name, first day, last day)."""
    this_year = financial_year(financial_year_of(today))
    last_year = financial_year(financial_year_of(today) - 1)
    quarter_first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    next_quarter = date(
        quarter_first.year + (quarter_first.month + 3 > 12), (quarter_first.month + 2) % 12 + 1, 1
    )
    year_ago = _years_after(today, -1) + timedelta(days=1)
    return [
        ("This financial year", this_year.first, this_year.last),
        ("Last financial year", last_year.first, last_year.last),
        ("The last 12 months", year_ago, today),
        ("This quarter", quarter_first, next_quarter - timedelta(days=1)),
    ]


class PeriodForm(NHSFormMixin, forms.Form):
    """A period (both days included) and, if chosen, one team. The page's links give the days
    as `start=2026-04-01&end=2027-03-31`; the form's boxes as `start-day` and so on."""

    subjects = {"team": "a team"}

    team = forms.TypedChoiceField(
        label="Team", required=False, coerce=int, empty_value=None, choices=[]
    )
    start = DateInputField(
        label="From",
        subject="The first day of the period",
        required_message="Enter the first day of the period",
        help_text="For example, 1 4 2026",
    )
    end = DateInputField(
        label="To",
        subject="The last day of the period",
        required_message="Enter the last day of the period",
        help_text="For example, 31 3 2027",
    )

    def __init__(self, data=None, *, teams=(), today: date, **kwargs):
        self.today = today
        super().__init__(_with_boxes(data) if data is not None else None, **kwargs)
        self.team_names: dict[int, str] = {t.pk: t.name for t in teams}
        team_field = cast(forms.TypedChoiceField, self.fields["team"])
        team_field.choices = [("", "Every team"), *((t.pk, t.name) for t in teams)]
        team_field.error_messages["invalid_choice"] = "Choose a team from the list"

    def team_name(self, team_id: int) -> str:
        return self.team_names.get(team_id, "")

    @property
    def latest_end(self) -> date:
        """The last day of this financial year: budgets and planned spending reach it."""
        return financial_year(financial_year_of(self.today)).last

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and start > self.today:
            self.add_error(
                "start",
                f"The first day of the period must be today ({short_date(self.today)}) or "
                "earlier: there are no figures yet for days still to come",
            )
        if end and end > self.latest_end:
            self.add_error(
                "end",
                "The last day of the period must be no later than "
                f"{short_date(self.latest_end)}, the end of this financial year",
            )
        if start and end and end < start:
            self.add_error(
                "end",
                f"The last day of the period must be on or after its first day "
                f"({short_date(start)})",
            )
        elif start and end and end >= _years_after(start, LONGEST_YEARS):
            self.add_error(
                "end",
                f"The period can be at most {LONGEST_YEARS} years long: choose a last day "
                f"before {short_date(_years_after(start, LONGEST_YEARS))}",
            )
        return data


def _with_boxes(data):
    """The days given as `start=2026-04-01` put into the boxes the form reads, unless the boxes
    were filled in themselves."""
    data = data.copy()
    for name in ("start", "end"):
        text = data.get(name)
        if text and not any(data.get(f"{name}-{part}") for part in PARTS):
            try:
                day = date.fromisoformat(text)
            except ValueError:
                # Keep what was typed: the form says what is wrong with it.
                data[f"{name}-day"] = text
                continue
            data[f"{name}-day"], data[f"{name}-month"], data[f"{name}-year"] = (
                str(day.day),
                str(day.month),
                str(day.year),
            )
    return data
