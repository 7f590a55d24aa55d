"""Adding one session, changing a session's time, venue or papers, and cancelling one."""

from datetime import datetime
from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone

from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.forms.fields import (
    TimeOfDayField,
    check_start_and_end,
    date_field,
)
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.services.sessions import past_session_problem


class SessionForm(NHSFormMixin, forms.Form):
    date = date_field("Date", required_message="Enter the date of the session")
    start_time = TimeOfDayField(label="Start time")
    end_time = TimeOfDayField(label="End time")
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.none(),
        required=False,
        label="Venue",
        empty_label="No venue (online or in writing)",
    )
    papers = forms.CharField(
        max_length=2000,
        required=False,
        label="Papers (optional)",
        help_text="Links to papers, or a note on when they will be sent",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args,
        session: Session | None = None,
        past_for: Opportunity | None = None,
        **kwargs,
    ):
        # `past_for`: adding a session to this opportunity may record work that already
        # happened, so a past date is checked against the limits for that instead.
        self.past_for = past_for
        if session is not None and "initial" not in kwargs:
            starts = timezone.localtime(session.starts_at)
            kwargs["initial"] = {
                "date": starts.date(),
                "start_time": starts.time(),
                "end_time": timezone.localtime(session.ends_at).time(),
                "venue": session.venue_id,
                "papers": session.papers,
            }
        super().__init__(*args, **kwargs)
        current = session.venue_id if session else None
        venue = cast(forms.ModelChoiceField, self.fields["venue"])
        venue.queryset = Venue.objects.filter(Q(active=True) | Q(pk=current))

    def clean(self):
        data = super().clean()
        if self.past_for is None or not self._starts_in_past():
            check_start_and_end(self, day="date", start="start_time", end="end_time")
            return data
        if data["end_time"] <= data["start_time"]:
            self.add_error("end_time", "The end time must be after the start time")
            return data
        values = self.values()
        problem = past_session_problem(
            opportunity=self.past_for, starts_at=values["starts_at"], ends_at=values["ends_at"]
        )
        if problem:
            field = "end_time" if problem.startswith("A session that has started") else "date"
            self.add_error(field, problem)
        return data

    def _starts_in_past(self) -> bool:
        data = self.cleaned_data
        if not (data.get("date") and data.get("start_time") and data.get("end_time")):
            return False
        starts = datetime.combine(data["date"], data["start_time"])
        return starts <= timezone.localtime().replace(tzinfo=None)

    def values(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return {
            "starts_at": timezone.make_aware(
                datetime.combine(data["date"], data["start_time"]), zone
            ),
            "ends_at": timezone.make_aware(datetime.combine(data["date"], data["end_time"]), zone),
            "venue": data["venue"],
            "papers": data["papers"],
        }


class CancelSessionForm(NHSFormMixin, forms.Form):
    subjects = {"reason": "why it is cancelled"}

    # Kept in the audit trail's summary ("Session cancelled: …"), which holds 300 at most.
    reason = forms.CharField(
        max_length=280,
        label="Why is it cancelled?",
        help_text="Everyone invited is told this",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
