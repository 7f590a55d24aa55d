"""The forms for a member's requests: the membership office erasing a member's data, and a
member asking to get involved as an Expert by Experience from their manage page."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.people.choices import Perspective


class EraseMemberForm(NHSFormMixin, forms.Form):
    understood = forms.BooleanField(
        label="I understand this cannot be undone",
        error_messages={"required": "Tick the box to say you understand this cannot be undone"},
    )


class GetInvolvedForm(NHSFormMixin, forms.Form):
    """The one question the register needs that membership does not hold, and the member's
    agreement that their details may be used for this too."""

    subjects = {"perspective": "which describes you best"}

    perspective = forms.ChoiceField(
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        label="Which describes you best?",
        error_messages={"required": "Choose which describes you best"},
    )
    consent = forms.BooleanField(
        label="I agree that the involvement team can use my details to contact me about "
        "getting involved",
        error_messages={
            "required": "Tick the box to say the involvement team can use your details"
        },
    )
