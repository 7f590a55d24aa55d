"""The request for involvement (also the team's form for a new opportunity), editing an
opportunity's details, and the involvement team's review."""

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone

from coproduce.accounts.models import Team
from coproduce.core.formats import money
from coproduce.core.forms import NHSFormMixin
from coproduce.onboarding.models import Prerequisite
from coproduce.opportunities.choices import Format, Kind, RequestStatus, Rung, Stage
from coproduce.opportunities.confidential.forms import ConfidentialFields
from coproduce.opportunities.forms.fields import (
    TimeOfDayField,
    check_start_and_end,
    date_field,
)
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.pay import request_terms
from coproduce.opportunities.services.requests import FIELDS
from coproduce.opportunities.services.sessions import (
    MAX_SESSIONS,
    PlannedSession,
    Repeat,
    plan_sessions,
)
from coproduce.people.models import LivedExperienceArea, Skill

# Far beyond any hourly rate a trust pays: more is a slip of the keyboard.
MOST_HOURLY = Decimal("1000")

RUNG_LABELS = {
    Rung.COERCION: "Coercion: people attend, but have no say",
    Rung.EDUCATING: "Educating: helping people understand the service",
    Rung.INFORMING: "Informing: telling people what is happening or has been decided",
    Rung.CONSULTATION: "Consultation: asking for views, then staff decide",
    Rung.ENGAGEMENT: "Engagement: experts shape the work, staff still make the decisions",
    Rung.CO_DESIGN: "Co-design: experts and staff design it together",
    Rung.CO_PRODUCTION: "Co-production: experts and staff share power and decide together",
}
REPEAT_CHOICES = [
    (Repeat.NONE, "Does not repeat (one session)"),
    (Repeat.WEEKLY, "Every week"),
    (Repeat.FORTNIGHTLY, "Every 2 weeks"),
    (Repeat.MONTHLY_DATE, "Every month on the same date, for example the 3rd"),
    (Repeat.MONTHLY_WEEKDAY, "Every month on the same weekday, for example the first Tuesday"),
]


def _list_field(model, label: str, hint: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.filter(active=True),
        required=False,
        label=label,
        help_text=hint,
        widget=forms.CheckboxSelectMultiple,
    )


def _number(label: str, *, hint: str = "", initial: int | None = None, min_value: int = 0):
    return forms.IntegerField(
        label=label,
        help_text=hint,
        initial=initial,
        min_value=min_value,
        max_value=500,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )


class DetailsForm(NHSFormMixin, ConfidentialFields):
    """What the work is, who it wants, where it happens and whether it is paid."""

    # For messages: "Enter what the work is called", not the question put back.
    subjects = {
        "title": "what the work is called",
        "description": "what the work is and what experts will do",
        "team": "the team it is for",
        "stage": "the stage the decision is at",
        "rung": "how much say experts will have",
        "format": "how it will happen",
        "paid": "whether the work is paid",
    }

    title = forms.CharField(
        max_length=200,
        label="What is the work called?",
        help_text="For example, Redesigning the carers' assessment",
    )
    description = forms.CharField(
        max_length=5000,
        label="What is the work, and what will experts do?",
        help_text="Plain words: experts read this when they are invited",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.select_related("organisation"), label="Which team is it for?"
    )
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.RadioSelect, label="Type of work")
    stage = forms.ChoiceField(
        choices=Stage.choices,
        widget=forms.RadioSelect,
        label="What stage is the decision at?",
        help_text="Involvement belongs before decisions are made, not as an afterthought",
    )
    rung = forms.TypedChoiceField(
        choices=list(RUNG_LABELS.items()),
        coerce=int,
        widget=forms.RadioSelect,
        label="How much say will experts have?",
        help_text="The ladder of co-production, from least say to most",
    )
    wanted_experience = _list_field(
        LivedExperienceArea, "Lived experience wanted", "Choose any that fit. Leave blank for any."
    )
    wanted_skills = _list_field(Skill, "Skills wanted", "Choose any that fit. Leave blank for any.")
    places = _number(
        "Places for experts", hint="At least 2, so nobody is on their own", initial=2, min_value=1
    )
    staff_expected = _number(
        "Staff expected",
        hint="How many staff will be there, to check the balance of voices",
        initial=1,
    )
    format = forms.ChoiceField(
        choices=Format.choices, widget=forms.RadioSelect, label="How will it happen?"
    )
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.none(),
        required=False,
        label="Venue",
        empty_label="No venue (online or in writing)",
        help_text="The venue's access and parking details are sent to experts",
    )
    online_details = forms.CharField(
        max_length=1000,
        required=False,
        label="Online details (optional)",
        help_text="For example, 'Microsoft Teams: we send the link the day before'",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    paid = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No, expenses only")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Is the work paid?",
    )
    # Shown only when the payment policy can pay it (work_pay.RequestTerms).
    hourly_rate = forms.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MOST_HOURLY,
        required=False,
        label="Agreed hourly rate in pounds (optional)",
        error_messages={
            "invalid": "Enter the hourly rate as an amount, like 25.00",
            "max_decimal_places": "Enter the hourly rate in pounds and pence, like 25.50",
            "max_digits": f"The hourly rate must be {money(MOST_HOURLY)} or less",
            "max_whole_digits": f"The hourly rate must be {money(MOST_HOURLY)} or less",
            "max_value": f"The hourly rate must be {money(MOST_HOURLY)} or less",
            "min_value": "Enter an hourly rate of more than £0, or choose that the work is not paid",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-width": "5"}),
    )
    prerequisites = forms.MultipleChoiceField(
        choices=Prerequisite.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What must experts have done first? (optional)",
    )

    def __init__(self, *args, opportunity: Opportunity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        self.setup_confidential(opportunity)
        self.pay_terms = request_terms()
        self.fields["paid"].help_text = self.pay_terms.paid_hint()
        if self.pay_terms.agreed_rate_matters:
            self.fields["hourly_rate"].help_text = self.pay_terms.rate_hint()
        else:
            del self.fields["hourly_rate"]
        current_venue = opportunity.venue_id if opportunity else None
        venue = cast(forms.ModelChoiceField, self.fields["venue"])
        venue.queryset = Venue.objects.filter(Q(active=True) | Q(pk=current_venue))
        if opportunity is not None:
            for name, model in (
                ("wanted_experience", LivedExperienceArea),
                ("wanted_skills", Skill),
            ):
                current = getattr(opportunity, name).values("pk")
                cast(forms.ModelChoiceField, self.fields[name]).queryset = model.objects.filter(
                    Q(active=True) | Q(pk__in=current)
                )

    @staticmethod
    def initial_from(opportunity: Opportunity) -> dict:
        initial = {name: getattr(opportunity, name) for name in FIELDS if name != "group"}
        initial["team"] = opportunity.team_id
        initial["venue"] = opportunity.venue_id
        initial["paid"] = "yes" if opportunity.paid else "no"
        initial["wanted_experience"] = list(opportunity.wanted_experience.all())
        initial["wanted_skills"] = list(opportunity.wanted_skills.all())
        return initial

    def _pay_day(self) -> date:
        """The date whose payment policy the rate is checked against: the first session's."""
        first = self.cleaned_data.get("first_date")
        if first is None and self.opportunity is not None:
            session = self.opportunity.sessions.order_by("starts_at").first()
            first = timezone.localdate(session.starts_at) if session else None
        return first or timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("paid") and data.get("kind") and "hourly_rate" not in self.errors:
            problem = self.pay_terms.problem(
                kind=data["kind"], agreed=data.get("hourly_rate"), day=self._pay_day()
            )
            if problem:
                self.add_error("hourly_rate" if "hourly_rate" in self.fields else "paid", problem)
        self.clean_confidential_fields()
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in FIELDS if name in data}
        if not values.get("paid") or "hourly_rate" not in self.fields:
            values["hourly_rate"] = None
        values.update(self.confidential_values())
        return values


class ScheduleFields(forms.Form):
    """The first session's date and times, and how it repeats."""

    subjects = {"repeat": "whether it repeats"}

    first_date = date_field(
        "Date of the first session", required_message="Enter the date the first session starts"
    )
    start_time = TimeOfDayField(label="Start time")
    end_time = TimeOfDayField(label="End time")
    repeat = forms.ChoiceField(
        choices=REPEAT_CHOICES,
        widget=forms.RadioSelect,
        initial=Repeat.NONE,
        label="Does it repeat?",
    )
    count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_SESSIONS,
        label="How many sessions in all? (optional)",
        help_text=f"Only if it repeats. Up to {MAX_SESSIONS}. Or give the last date below.",
        error_messages={
            "max_value": f"A series can have up to {MAX_SESSIONS} sessions",
            "min_value": "Enter a number of sessions, 1 or more",
            "invalid": "Enter the number of sessions as a number, like 6",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )
    until = date_field(
        "Last date (optional)",
        required=False,
        hint="Only if it repeats: no sessions after this date. For example, 31 12 2026",
        subject="Last date",
    )

    def clean_schedule(self) -> None:
        check_start_and_end(self, day="first_date", start="start_time", end="end_time")
        data = self.cleaned_data
        repeat = data.get("repeat")
        if repeat and repeat != Repeat.NONE:
            if not data.get("count") and not data.get("until") and "count" not in self.errors:
                self.add_error("count", "Enter how many sessions, or the last date")
            first, until = data.get("first_date"), data.get("until")
            if first and until and until < first:
                self.add_error("until", "The last date must be on or after the first session")

    def planned_sessions(self) -> list[PlannedSession]:
        data = self.cleaned_data
        return plan_sessions(
            day=data["first_date"],
            starts=data["start_time"],
            ends=data["end_time"],
            repeat=data["repeat"],
            count=data.get("count"),
            until=data.get("until"),
        )

    def schedule_values(self) -> dict:
        """How the sessions repeat, kept with the request so that editing it shows the same
        pattern."""
        data = self.cleaned_data
        repeats = data["repeat"] != Repeat.NONE
        return {
            "repeat": data["repeat"],
            "repeat_count": data.get("count") if repeats else None,
            "repeat_until": data.get("until") if repeats else None,
        }

    @staticmethod
    def initial_from(opportunity: Opportunity) -> dict:
        """The schedule as it was asked for: the stored repeat pattern while it still gives
        these sessions, or for older requests (and sessions changed one by one since) the
        pattern that does, or, failing that, weekly with the number of sessions."""
        sessions = list(opportunity.sessions.order_by("starts_at", "id"))
        if not sessions:
            return {}
        starts = timezone.localtime(sessions[0].starts_at)
        ends = timezone.localtime(sessions[0].ends_at)
        initial = {
            "first_date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
        }
        return initial | _repeat_pattern(opportunity, sessions, starts, ends)


def _repeat_pattern(
    opportunity: Opportunity, sessions: list[Session], starts: datetime, ends: datetime
) -> dict:
    def gives_these_sessions(repeat: str, count: int | None, until=None) -> bool:
        try:
            planned = plan_sessions(
                day=starts.date(),
                starts=starts.time(),
                ends=ends.time(),
                repeat=repeat,
                count=count,
                until=until,
            )
        except ValueError:
            return False
        return [p.starts_at for p in planned] == [s.starts_at for s in sessions]

    stored = (opportunity.repeat, opportunity.repeat_count, opportunity.repeat_until)
    if opportunity.repeat and gives_these_sessions(*stored):
        return dict(zip(("repeat", "count", "until"), stored, strict=True))
    count = len(sessions)
    if count == 1:
        return {"repeat": Repeat.NONE, "count": None, "until": None}
    for repeat in (
        Repeat.WEEKLY,
        Repeat.FORTNIGHTLY,
        Repeat.MONTHLY_DATE,
        Repeat.MONTHLY_WEEKDAY,
    ):
        if gives_these_sessions(repeat, count):
            return {"repeat": repeat, "count": count, "until": None}
    return {"repeat": Repeat.WEEKLY, "count": count, "until": None}


class RequestForm(DetailsForm, ScheduleFields):
    """A request for involvement, or a new opportunity, with its proposed sessions."""

    field_order = [
        "title",
        "description",
        "team",
        "kind",
        "stage",
        "rung",
        "wanted_experience",
        "wanted_skills",
        "places",
        "staff_expected",
        "first_date",
        "start_time",
        "end_time",
        "repeat",
        "count",
        "until",
        "format",
        "venue",
        "online_details",
        "paid",
        "hourly_rate",
        "prerequisites",
    ]

    def clean(self):
        data = super().clean()
        self.clean_schedule()
        return data

    def values(self) -> dict:
        return {**super().values(), **self.schedule_values()}


DECISIONS = [
    (RequestStatus.APPROVED, "Approve it"),
    (RequestStatus.CHANGES_REQUESTED, "Ask for changes"),
    (RequestStatus.DECLINED, "Decline it"),
]


class ReviewForm(NHSFormMixin, forms.Form):
    subjects = {"decision": "what you decide"}

    decision = forms.ChoiceField(
        choices=DECISIONS, widget=forms.RadioSelect, label="What do you decide?"
    )
    note = forms.CharField(
        max_length=2000,
        required=False,
        label="Note to the requester",
        help_text="Needed when you ask for changes or decline: say what should change, or why",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        decision, note = data.get("decision"), (data.get("note") or "").strip()
        if decision == RequestStatus.CHANGES_REQUESTED and not note:
            self.add_error("note", "Say what should change, so the requester can change it")
        if decision == RequestStatus.DECLINED and not note:
            self.add_error("note", "Give the reason for declining: the requester is told it")
        return data
