"""One form for a whole session's attendance: a pair of fields (what happened, hours) for each
person who accepted a place, so every row keeps what was typed and has its errors beside it."""

from decimal import Decimal

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.services.attendance import MAX_HOURS, AttendanceEntry

CHOICES = [(c.value, c.label) for c in Attendance if c.value]


def session_hours(session: Session) -> Decimal:
    seconds = Decimal((session.ends_at - session.starts_at).total_seconds())
    return min(MAX_HOURS, (seconds / 3600).quantize(Decimal("0.01")))


class AttendanceRow:
    """The two fields for one person, for the template."""

    def __init__(self, form: "AttendanceForm", invitation: Invitation):
        self.invitation = invitation
        self.attendance = form[f"attendance_{invitation.pk}"]
        self.hours = form[f"hours_{invitation.pk}"]


class AttendanceForm(NHSFormMixin, forms.Form):
    def __init__(self, *args, session: Session, invitations: list[Invitation], **kwargs):
        self.session = session
        self.invitations = invitations
        default_hours = session_hours(session)
        initial = kwargs.pop("initial", None) or {}
        for invitation in invitations:
            initial[f"attendance_{invitation.pk}"] = invitation.attendance
            initial[f"hours_{invitation.pk}"] = (
                invitation.hours
                if invitation.attendance == Attendance.ATTENDED and invitation.hours is not None
                else default_hours
            )
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for invitation in invitations:
            name = invitation.expert.full_name
            self.fields[f"attendance_{invitation.pk}"] = forms.ChoiceField(
                label=f"Did {name} attend?",
                choices=CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
            )
            self.fields[f"hours_{invitation.pk}"] = forms.DecimalField(
                label=f"Hours {name} gave",
                help_text="For example, 2 or 2.5. Only counted if they attended.",
                required=False,
                min_value=Decimal("0"),
                max_value=MAX_HOURS,
                max_digits=4,
                decimal_places=2,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "data-width": "4", "spellcheck": "false"}
                ),
                error_messages={
                    "invalid": f"Enter the hours {name} gave as a number, like 2 or 2.5",
                    "min_value": f"Hours {name} gave must be 0 or more",
                    "max_value": f"Hours {name} gave must be 24 or fewer",
                    "max_digits": f"Hours {name} gave must be 24 or fewer",
                    "max_whole_digits": f"Hours {name} gave must be 24 or fewer",
                    "max_decimal_places": f"Hours {name} gave can have at most 2 decimal places",
                },
            )

    def rows(self) -> list[AttendanceRow]:
        return [AttendanceRow(self, invitation) for invitation in self.invitations]

    def clean(self):
        cleaned = super().clean()
        for invitation in self.invitations:
            key = f"hours_{invitation.pk}"
            if (
                cleaned.get(f"attendance_{invitation.pk}") == Attendance.ATTENDED
                and cleaned.get(key) is None
                and key not in self.errors
            ):
                self.add_error(key, f"Enter the hours {invitation.expert.full_name} gave")
        return cleaned

    def entries(self) -> list[AttendanceEntry]:
        """What to record: rows left unanswered are left as they are."""
        entries = []
        for invitation in self.invitations:
            attendance = self.cleaned_data.get(f"attendance_{invitation.pk}") or ""
            if not attendance:
                continue
            entries.append(
                AttendanceEntry(
                    invitation_id=invitation.pk,
                    attendance=attendance,
                    hours=self.cleaned_data.get(f"hours_{invitation.pk}"),
                )
            )
        return entries
