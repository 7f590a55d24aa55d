"""The expert's directory entry, the involvement lead's reason for hiding one, an event's
details and an expert's reply to an event."""

from datetime import datetime

from django import forms
from django.utils import timezone

from coproduce.comms.directory import services
from coproduce.comms.directory.models import (
    FIRST_NAME_LENGTH,
    INTERESTS_LENGTH,
    AccessNeed,
    Answer,
    DietaryNeed,
    DirectoryEntry,
    Event,
    OpenTo,
)
from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.forms.fields import TimeOfDayField, check_start_and_end, date_field
from coproduce.people.models import Expert

LEGEND = {"data-label-class": "nhsuk-fieldset__legend--s"}
MOST_GUESTS = 5
MOST_PLACES = 10000


class DirectoryEntryForm(NHSFormMixin, forms.Form):
    """What other experts will see: a first name, a photo and one line."""

    first_name = forms.CharField(
        max_length=FIRST_NAME_LENGTH,
        label="Your first name",
        help_text="The name other experts will see. It does not have to be your full name.",
    )
    photo_choice = forms.ChoiceField(
        label="Your photo",
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    photo = forms.FileField(
        required=False,
        label="Upload a photo",
        help_text="Only if you chose to upload a new photo. A JPEG or PNG, smaller than 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    interests = forms.CharField(
        max_length=INTERESTS_LENGTH,
        required=False,
        label="A line about your interests (optional)",
        help_text="For example, ‘Gardening, my two dogs and making services better for "
        f"carers’. Up to {INTERESTS_LENGTH} characters.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    subjects = {"photo_choice": "which photo to show", "photo": "the photo"}

    def __init__(
        self, *args, expert: Expert | None = None, entry: DirectoryEntry | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        choices = []
        if entry is not None and entry.photo:
            choices.append((services.KEEP_PHOTO, "Keep the photo I have now"))
        if expert is not None and expert.photo:
            choices.append((services.PROFILE_PHOTO, "Use the photo on my profile"))
        choices += [
            (services.NEW_PHOTO, "Upload a new photo"),
            (services.NO_PHOTO, "No photo"),
        ]
        field = self.fields["photo_choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.help_text = (
            "Only other experts in the directory will see it. We make a copy for the "
            "directory; it is deleted if you leave."
        )

    def clean_photo(self):
        from coproduce.core.images import clean_photo

        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def clean(self):
        data = super().clean()
        if data.get("photo_choice") == services.NEW_PHOTO and not data.get("photo"):
            if "photo" not in self.errors:
                self.add_error("photo", "Choose a photo to upload, or choose ‘No photo’")
        if data.get("first_name") is not None and not data["first_name"].strip():
            self.add_error("first_name", "Enter your first name")
        return data


class HideEntryForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        max_length=200,
        label="Why are you hiding this entry?",
        help_text="The expert will see this, so write it for them. Up to 200 characters.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    subjects = {"reason": "why you are hiding this entry"}


class EventDetailsForm(NHSFormMixin, forms.Form):
    title = forms.CharField(max_length=120, label="Title")
    description = forms.CharField(
        max_length=2000,
        required=False,
        label="What will happen (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    date = date_field("Date", required_message="Enter the date of the event")
    start_time = TimeOfDayField(label="Start time")
    end_time = TimeOfDayField(label="End time")
    place = forms.CharField(
        max_length=300,
        required=False,
        label="Where (optional if it is online)",
        help_text="The name and address of the place",
    )
    online = forms.BooleanField(
        required=False,
        label="People can join online",
        help_text="We send the joining details to those who reply",
    )
    open_to = forms.ChoiceField(
        label="Who is it for?",
        choices=OpenTo.choices,
        initial=OpenTo.EXPERTS,
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    how_to_come = forms.CharField(
        max_length=300,
        required=False,
        label="How members of the public can come (optional)",
        help_text="For an event open to anyone: how to book, or who to contact",
    )
    capacity = forms.IntegerField(
        min_value=1,
        max_value=MOST_PLACES,
        required=False,
        label="Places (optional)",
        help_text="The most people who can come, guests included. Leave blank for no limit.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "4"}),
    )
    reply_by = date_field(
        "Reply by (optional)", required=False, subject="Reply-by date", hint="For example, 1 6 2027"
    )
    guests_allowed = forms.IntegerField(
        min_value=0,
        max_value=MOST_GUESTS,
        initial=0,
        label="Guests each expert may bring",
        help_text="A partner, carer or friend. 0 for none.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "2"}),
    )
    ask_dietary = forms.BooleanField(required=False, initial=True, label="Ask about dietary needs")
    ask_access = forms.BooleanField(required=False, initial=True, label="Ask about access needs")
    subjects = {"open_to": "who the event is for"}

    def __init__(self, *args, event: Event | None = None, **kwargs):
        self.event = event
        if event is not None and "initial" not in kwargs:
            starts = timezone.localtime(event.starts_at)
            kwargs["initial"] = {
                **{name: getattr(event, name) for name in services.EVENT_FIELDS},
                "date": starts.date(),
                "start_time": starts.time(),
                "end_time": timezone.localtime(event.ends_at).time(),
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.event is None or self._time_changed():
            check_start_and_end(self, day="date", start="start_time", end="end_time")
        if not data.get("place", "").strip() and not data.get("online"):
            self.add_error("place", "Enter where the event is, or tick ‘People can join online’")
        when, reply_by = data.get("date"), data.get("reply_by")
        if when and reply_by and reply_by > when:
            self.add_error("reply_by", "The reply-by date must be on or before the event’s date")
        return data

    def _time_changed(self) -> bool:
        return any(
            self.initial.get(name) != self.cleaned_data.get(name)
            for name in ("date", "start_time", "end_time")
        )

    def values(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        values = {name: data.get(name) for name in services.EVENT_FIELDS if name in data}
        values["starts_at"] = timezone.make_aware(
            datetime.combine(data["date"], data["start_time"]), zone
        )
        values["ends_at"] = timezone.make_aware(
            datetime.combine(data["date"], data["end_time"]), zone
        )
        values["place"] = data["place"].strip()
        values["how_to_come"] = (
            data["how_to_come"].strip() if data["open_to"] == OpenTo.PUBLIC else ""
        )
        values["guests_allowed"] = data["guests_allowed"] or 0
        return values


class EventReplyForm(NHSFormMixin, forms.Form):
    """Coming or not, with guests where the event allows them, and what they need."""

    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=Answer.choices,
        widget=forms.RadioSelect(attrs={"data-label-class": "nhsuk-fieldset__legend--m"}),
    )
    guests = forms.IntegerField(
        min_value=0,
        max_value=MOST_GUESTS,
        required=False,
        label="How many guests are you bringing?",
        help_text="A partner, carer or friend. 0 if you are coming on your own.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "2"}),
    )
    dietary = forms.MultipleChoiceField(
        required=False,
        choices=DietaryNeed.choices,
        label="Do you have any dietary needs?",
        help_text="Tick any that apply",
        widget=forms.CheckboxSelectMultiple(attrs=LEGEND),
    )
    dietary_other = forms.CharField(
        max_length=200,
        required=False,
        label="Any other dietary need or allergy (optional)",
    )
    access = forms.MultipleChoiceField(
        required=False,
        choices=AccessNeed.choices,
        label="What do you need to get in and take part?",
        help_text="Tick any that apply",
        widget=forms.CheckboxSelectMultiple(attrs=LEGEND),
    )
    access_other = forms.CharField(
        max_length=200,
        required=False,
        label="Anything else you need (optional)",
    )
    subjects = {
        "answer": "whether you are coming",
        "guests": "how many guests you are bringing",
        "dietary": "your dietary needs",
        "access": "what you need",
    }

    def __init__(self, *args, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event is None:
            return
        if event.guests_allowed:
            guests = self.fields["guests"]
            assert isinstance(guests, forms.IntegerField)
            guests.max_value = event.guests_allowed
            guests.validators = [
                v for v in guests.validators if getattr(v, "code", "") != "max_value"
            ]
            from django.core.validators import MaxValueValidator

            guests.validators.append(MaxValueValidator(event.guests_allowed))
            guests.help_text = (
                f"A partner, carer or friend: up to {event.guests_allowed}. "
                "0 if you are coming on your own."
            )
        else:
            del self.fields["guests"]
        if not event.ask_dietary:
            del self.fields["dietary"], self.fields["dietary_other"]
        if not event.ask_access:
            del self.fields["access"], self.fields["access_other"]

    def values(self) -> services.ReplyValues:
        data = self.cleaned_data
        return services.ReplyValues(
            answer=data["answer"],
            guests=data.get("guests") or 0,
            dietary=tuple(data.get("dietary") or ()),
            dietary_other=data.get("dietary_other", ""),
            access=tuple(data.get("access") or ()),
            access_other=data.get("access_other", ""),
        )
