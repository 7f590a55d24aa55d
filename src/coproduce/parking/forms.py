"""Forms for parking: a vehicle, a permit, and the day of an attendant's list."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import long_date
from coproduce.core.forms import NHSFormMixin
from coproduce.parking.plates import PlateError, normalise


class VehicleForm(NHSFormMixin, forms.Form):
    subjects = {"make": "the make", "colour": "the colour"}

    registration = forms.CharField(
        max_length=20,
        label="Registration number",
        help_text="As it is on the number plate. For example, AB12 CDE",
        error_messages={"required": "Enter the registration number, as it is on the number plate"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    make = forms.CharField(
        max_length=60,
        required=False,
        label="Make (optional)",
        help_text="For example, Ford Fiesta",
    )
    colour = forms.CharField(
        max_length=40, required=False, label="Colour (optional)", help_text="For example, blue"
    )
    blue_badge = forms.BooleanField(
        required=False,
        label="I have a blue badge for this car",
        help_text="So the car park can keep a parking space near the door for you",
    )

    def __init__(self, *args, for_someone_else: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_someone_else:
            self.fields["blue_badge"].label = "They have a blue badge for this car"
            self.fields[
                "blue_badge"
            ].help_text = "So the car park can keep a parking space near the door for them"

    def clean_registration(self) -> str:
        try:
            return normalise(self.cleaned_data["registration"])
        except PlateError as error:
            raise forms.ValidationError(str(error)) from None


class PermitForm(NHSFormMixin, forms.Form):
    vehicle = forms.TypedChoiceField(
        coerce=int,
        label="Vehicle",
        error_messages={
            "required": "Choose the vehicle the permit is for",
            "invalid_choice": "That vehicle has been removed. Choose one from the list",
        },
        widget=forms.RadioSelect,
    )
    venue = forms.TypedChoiceField(
        coerce=int,
        label="Site",
        help_text="Where they will park",
        error_messages={
            "required": "Choose the site the permit is for",
            "invalid_choice": "That site is no longer used. Choose one from the list",
        },
    )
    valid_from = DateInputField(
        label="First day the permit can be used",
        help_text="For example, 17 3 2027",
        required_message="Enter the first day the permit can be used",
        subject="The first day",
    )
    valid_to = DateInputField(
        label="Last day the permit can be used",
        help_text="For example, 17 9 2027",
        required_message="Enter the last day the permit can be used",
        subject="The last day",
    )

    def __init__(self, *args, vehicles, venues, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        kwargs.setdefault("initial", {"valid_from": self.today})
        super().__init__(*args, **kwargs)
        vehicle = self.fields["vehicle"]
        venue = self.fields["venue"]
        assert isinstance(vehicle, forms.TypedChoiceField)
        assert isinstance(venue, forms.TypedChoiceField)
        vehicle.choices = [
            (v.pk, f"{v.registration} ({v.description})" if v.description else v.registration)
            for v in vehicles
        ]
        venue.choices = [("", "Choose a site"), *((v.pk, v.name) for v in venues)]
        if len(vehicles) == 1:
            self.initial.setdefault("vehicle", vehicles[0].pk)

    def clean_valid_from(self) -> date:
        valid_from = self.cleaned_data["valid_from"]
        if valid_from < self.today:
            raise forms.ValidationError(
                f"The first day must be today, {long_date(self.today)}, or later"
            )
        return valid_from

    def clean(self):
        data = super().clean()
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        if valid_from and valid_to:
            if valid_to < valid_from:
                self.add_error(
                    "valid_to",
                    "The last day must be the same as or after the first day, "
                    f"{long_date(valid_from)}",
                )
            elif valid_to > valid_from + timedelta(days=366):
                self.add_error(
                    "valid_to", "A permit can last up to a year. Choose an earlier last day"
                )
        return data


class DayForm(NHSFormMixin, forms.Form):
    day = DateInputField(
        label="Day",
        help_text="For example, 17 3 2027",
        required_message="Enter the day you want the lists for",
        subject="The day",
    )
