"""The involvement lead's reminder settings, and each person's own switches."""

from typing import cast

from django import forms

from coproduce.comms.reminders.models import MOST_DAYS, MOST_SESSION_DAYS, Kind, OutcomeWho
from coproduce.core.forms import NHSFormMixin

SESSION_DAYS_MESSAGE = (
    f"Enter up to {MOST_SESSION_DAYS} numbers of days between 1 and {MOST_DAYS}, "
    "separated by commas, like 7, 1"
)


def _on(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


def _days(label: str, hint: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=1,
        max_value=MOST_DAYS,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3", "inputmode": "numeric"}),
    )


class SettingsForm(NHSFormMixin, forms.Form):
    subjects = {
        "session_days": "the days before a session",
        "invitation_days": "the days an invitation may wait for an answer",
        "agreement_days": "the days an agreement may wait to be signed",
        "claim_check_days": "the days a claim may wait to be checked",
        "claim_approve_days": "the days a claim may wait to be approved",
    }

    session_on = _on("Remind experts of sessions coming up")
    session_days = forms.CharField(
        label="How many days before a session",
        help_text="One number, or up to 3 separated by commas: 7, 1 sends a reminder a week "
        "before and again the day before.",
        max_length=20,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
    )
    invitation_on = _on("Remind experts of invitations they have not answered")
    invitation_days = _days(
        "Days an invitation may wait for an answer", "Then the expert is reminded, once."
    )
    agreement_on = _on("Remind experts to sign a new version of an agreement")
    agreement_days = _days(
        "Days after a new version is published", "Then experts who have not signed it are reminded."
    )
    training_on = _on("Remind people whose training runs out soon")
    claim_check_on = _on("Remind the involvement team of claims waiting to be checked")
    claim_check_days = _days(
        "Days a claim may wait to be checked", "Then coordinators and the lead are reminded."
    )
    claim_approve_on = _on("Remind finance of claims waiting to be approved")
    claim_approve_days = _days(
        "Days a checked claim may wait to be approved", "Then finance officers are reminded."
    )
    outcome_on = _on("Remind staff of outcomes that are overdue")
    outcome_who = forms.ChoiceField(
        label="Who is reminded of an overdue outcome",
        choices=OutcomeWho.choices,
        widget=forms.RadioSelect,
    )

    def clean_session_days(self) -> list[int]:
        raw = self.cleaned_data["session_days"]
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        try:
            days = sorted({int(p) for p in parts}, reverse=True)
        except ValueError:
            raise forms.ValidationError(SESSION_DAYS_MESSAGE, code="invalid") from None
        if not days or len(days) > MOST_SESSION_DAYS or any(d < 1 or d > MOST_DAYS for d in days):
            raise forms.ValidationError(SESSION_DAYS_MESSAGE, code="invalid")
        return days


class OwnForm(NHSFormMixin, forms.Form):
    """The reminders a person gets: each of `kinds` ticked is on."""

    kinds_on = forms.MultipleChoiceField(
        label="Send me reminders about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, kinds: tuple, labels: dict[str, str], hint: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["kinds_on"])
        field.help_text = hint
        field.choices = [(str(k), labels[str(k)]) for k in kinds]


EXPERT_LABELS = {
    Kind.SESSION: "Meetings coming up, a few days before",
    Kind.INVITATION: "Invitations I have not answered yet",
    Kind.AGREEMENT: "Agreements I need to sign",
    Kind.TRAINING: "Training that runs out soon",
}

STAFF_LABELS = {
    Kind.CLAIM_CHECK: "Claims waiting too long to be checked",
    Kind.CLAIM_APPROVE: "Claims waiting too long to be approved",
    Kind.OUTCOME: "Outcomes overdue for work I asked for, or the team's",
    Kind.TRAINING: "My training that runs out soon",
}
