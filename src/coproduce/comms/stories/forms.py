"""The forms of Working Together: a story's words, a photo with its consent, the lead's
reason for sending back or withdrawing, an award round, a nomination and a winner."""

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError

from coproduce.comms.stories.models import Category
from coproduce.comms.stories.services import RoundDetails, StoryWords
from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.core.images import clean_photo

NEED_CONSENT = (
    "Tick to confirm everyone in the photo has agreed to it being shown publicly. "
    "If not everyone has agreed, do not add the photo"
)
NEED_CONSENT_HOW = "Enter who agreed to the photo being shown, and how they agreed"


class StoryForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="A few words, such as ‘Experts rewrote the discharge letter’.",
        max_length=120,
        error_messages={"required": "Enter a title for the story"},
    )
    what_was_done = forms.CharField(
        label="What was done",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was done"},
    )
    who_took_part = forms.CharField(
        label="Who took part",
        help_text="In words, such as ‘six experts and the ward team’. Do not name anyone "
        "unless they have agreed to be named.",
        max_length=300,
        error_messages={"required": "Enter who took part, in words"},
    )
    what_changed = forms.CharField(
        label="What changed because of it",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what changed because of it"},
    )
    opportunity = forms.TypedChoiceField(
        label="The work it came from (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the work from the list, or leave it empty"},
    )

    def __init__(self, data=None, *, work: Sequence[tuple[int, str]] = (), story=None, **kwargs):
        super().__init__(data, **kwargs)
        opportunity = self.fields["opportunity"]
        assert isinstance(opportunity, forms.TypedChoiceField)
        opportunity.choices = [("", "Not from one piece of work"), *work]
        if story is not None:
            self.initial.update(
                title=story.title,
                what_was_done=story.what_was_done,
                who_took_part=story.who_took_part,
                what_changed=story.what_changed,
                opportunity=story.opportunity_id,
            )

    def words(self) -> StoryWords:
        data = self.cleaned_data
        return StoryWords(
            title=data["title"],
            what_was_done=data["what_was_done"],
            who_took_part=data["who_took_part"],
            what_changed=data["what_changed"],
            opportunity_id=data.get("opportunity"),
        )


class StoryPhotoForm(NHSFormMixin, forms.Form):
    photo = forms.FileField(
        label="The photo",
        help_text="A JPEG or PNG, smaller than 5 MB. Anything that says where or when it was "
        "taken is removed.",
        error_messages={"required": "Choose the photo to add", "empty": "The photo file is empty"},
    )
    alt_text = forms.CharField(
        label="Describe the photo for someone who cannot see it",
        help_text="For example, ‘Four people around a table reading the new leaflet’.",
        max_length=250,
        error_messages={"required": "Enter a description of the photo"},
    )
    everyone_consented = forms.BooleanField(
        label="Everyone in this photo has agreed to it being shown publicly",
        required=True,
        error_messages={"required": NEED_CONSENT},
    )
    consent_how = forms.CharField(
        label="Who agreed, and how",
        help_text="For example, ‘all four, in writing on the consent form on 3 March’.",
        max_length=300,
        error_messages={"required": NEED_CONSENT_HOW},
    )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None


class ReasonForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why",
        help_text="The writer sees this.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why, so the writer knows what to do"},
    )


class AwardRoundForm(NHSFormMixin, forms.Form):
    year = forms.IntegerField(
        label="Year of the award",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "4"}),
        error_messages={
            "required": "Enter the year of the award, like 2026",
            "invalid": "Enter the year as 4 numbers, like 2026",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year up to 2100",
        },
    )
    opens_on = DateInputField(
        label="Nominations open on",
        subject="The opening date",
        required_message="Enter the date nominations open",
        help_text="For example, 1 9 2026",
    )
    closes_on = DateInputField(
        label="Nominations close at the end of",
        subject="The closing date",
        required_message="Enter the date nominations close",
        help_text="For example, 31 10 2026",
    )
    panel = forms.TypedMultipleChoiceField(
        label="The panel",
        help_text="The staff who will see the nominations, shortlist and choose the winners.",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one person for the panel",
            "invalid_choice": "Choose the panel from the list",
        },
    )

    def __init__(self, data=None, *, people: Sequence[tuple[int, str]] = (), award=None, **kwargs):
        super().__init__(data, **kwargs)
        panel = self.fields["panel"]
        assert isinstance(panel, forms.TypedMultipleChoiceField)
        panel.choices = list(people)
        if award is not None:
            self.initial.update(
                year=award.year,
                opens_on=award.opens_on,
                closes_on=award.closes_on,
                panel=[u.pk for u in award.panel.all()],
            )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                ValidationError(
                    "The closing date must be on or after the opening date", code="order"
                ),
            )
        return data

    def details(self) -> RoundDetails:
        data = self.cleaned_data
        return RoundDetails(
            year=data["year"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            panel_ids=list(data["panel"]),
        )


class NominationForm(NHSFormMixin, forms.Form):
    category = forms.ChoiceField(
        label="Who or what are you nominating?",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a person, a team or a project"},
    )
    nominee = forms.CharField(
        label="Their name",
        help_text="The person's name, or the team's or project's.",
        max_length=150,
        error_messages={"required": "Enter the name of who or what you are nominating"},
    )
    reason = forms.CharField(
        label="Why they should win",
        help_text="What they did, working together, and what difference it made.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter why they should win"},
    )
    subjects = {"category": "who or what you are nominating"}


class WinnerForm(NHSFormMixin, forms.Form):
    shown_as = forms.CharField(
        label="Name to show in the gallery",
        help_text="Ask the winner how they would like to be named: a first name, or the team's "
        "or project's name, is enough.",
        max_length=150,
        error_messages={"required": "Enter the name to show in the gallery"},
    )
    citation = forms.CharField(
        label="Citation",
        help_text="A sentence or two on why they won. It is shown in the public gallery.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a short citation"},
    )
