"""Adding one session, changing a session's time, venue or papers, and cancelling one."""

from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.forms.fields import (
    TimeOfDayField,
    check_start_and_end,
    date_field,
)
from coproduce.opportunities.models import Session, Venue


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

    def __init__(self, *args, session: Session | None = None, **kwargs):
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
        self.fields["venue"].queryset = Venue.objects.filter(Q(active=True) | Q(pk=current))

    def clean(self):
        data = super().clean()
        check_start_and_end(self, day="date", start="start_time", end="end_time")
        return data

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
    reason = forms.CharField(
        max_length=300,
        label="Why is it cancelled?",
        help_text="Everyone invited is told this",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
