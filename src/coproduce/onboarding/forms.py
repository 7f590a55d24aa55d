"""Forms for photo ID badges: issuing one, revoking one, and choosing badges to print."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import long_date
from coproduce.core.forms import NHSFormMixin


def a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: a year later is 28 February
        return day.replace(year=day.year + 1, day=28)


class IssueBadgeForm(NHSFormMixin, forms.Form):
    """When the new badge expires: a year from today unless the coordinator changes it."""

    expires_on = DateInputField(
        label="Date the badge expires",
        help_text="Usually a year from today. For example, 17 3 2027",
        required_message="Enter the date the badge expires",
        subject="The date the badge expires",
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        kwargs.setdefault("initial", {"expires_on": a_year_after(self.today)})
        super().__init__(*args, **kwargs)

    def clean_expires_on(self) -> date:
        expires_on = self.cleaned_data["expires_on"]
        if expires_on <= self.today:
            raise forms.ValidationError(
                f"The date the badge expires must be after today, {long_date(self.today)}"
            )
        if expires_on > self.today + timedelta(days=5 * 366):
            raise forms.ValidationError(
                "The date the badge expires must be within 5 years of today"
            )
        return expires_on


class RevokeBadgeForm(NHSFormMixin, forms.Form):
    subjects = {"reason": "why the badge is revoked"}

    reason = forms.CharField(
        max_length=250,
        label="Why are you revoking this badge?",
        help_text="For example, the badge was lost, or they no longer work with us. "
        "Everyone in the involvement team sees this on their record",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PrintSinceForm(NHSFormMixin, forms.Form):
    since = DateInputField(
        label="Badges issued on or after",
        help_text="For example, 1 3 2027",
        required_message="Enter the date to print badges issued since",
        subject="The date",
    )


class PrintChosenForm(NHSFormMixin, forms.Form):
    badge = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Badges to print",
        error_messages={
            "required": "Choose at least one badge to print",
            "invalid_choice": "A badge you chose is no longer valid. Choose again from the list",
        },
    )

    def __init__(self, *args, badge_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["badge"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in badge_ids]
