"""Forms for concerns. The expert's are in plain words, one question at a time, and work on a
phone; the involvement team's say what the expert will see."""

import uuid

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.impact.concerns.models import Concern

YES, NO = "yes", "no"

_OUT_OF_DATE = "This form is out of date. Go back and try again"


class SubmissionField(forms.UUIDField):
    """A number the form carries, so sending it twice (a double click, or the back button)
    does the thing once."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid": _OUT_OF_DATE, "required": _OUT_OF_DATE})
        super().__init__(**kwargs)


def _with_submission(form: forms.Form) -> None:
    if not form.is_bound:
        form.initial.setdefault("submission", uuid.uuid4())


class RaiseForm(NHSFormMixin, forms.Form):
    """What the concern is about, what happened, what they would like, and whether anyone is
    in danger. `for_someone_else` words it for the involvement team recording one raised by
    phone or in person, and asks how it came to them."""

    subjects = {
        "about": "what your concern is about",
        "what_happened": "what happened",
        "wanted": "what you would like to happen",
        "danger": "whether anyone is in danger or at risk of being hurt",
        "received": "how they told you",
    }

    about = forms.ChoiceField(
        label="What is your concern about?",
        choices=Concern.About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what your concern is about"},
    )
    invitation = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Which meeting? (if it is about a meeting)",
        error_messages={"invalid_choice": "Choose one of the meetings from the list"},
    )
    claim = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Which payment? (if it is about a payment)",
        error_messages={"invalid_choice": "Choose one of the payments from the list"},
    )
    what_happened = forms.CharField(
        max_length=5000,
        label="What happened?",
        help_text="Tell us in your own words. Write as much or as little as you like.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what happened"},
    )
    wanted = forms.CharField(
        max_length=2000,
        required=False,
        label="What would you like to happen? (optional)",
        help_text="For example, an apology, a change, or someone to talk to.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    danger = forms.ChoiceField(
        label="Is anyone in danger or at risk of being hurt?",
        help_text="This could be you or someone else.",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if anyone is in danger or at risk of being hurt"},
    )
    received = forms.ChoiceField(
        label="How did they tell you?",
        choices=[c for c in Concern.Received.choices if c[0] != Concern.Received.PORTAL],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they told you"},
    )
    submission = SubmissionField()

    def __init__(self, *args, meetings=(), claims=(), for_someone_else: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _with_submission(self)
        self.for_someone_else = for_someone_else
        invitation = self.fields["invitation"]
        claim = self.fields["claim"]
        assert isinstance(invitation, forms.TypedChoiceField)
        assert isinstance(claim, forms.TypedChoiceField)
        invitation.choices = [("", "Choose a meeting"), *meetings]
        claim.choices = [("", "Choose a payment"), *claims]
        if not meetings:
            del self.fields["invitation"]
        if not claims:
            del self.fields["claim"]
        if for_someone_else:
            about = self.fields["about"]
            assert isinstance(about, forms.ChoiceField)
            about.label = "What is their concern about?"
            about.choices = [
                (value, "How they were treated" if value == Concern.About.TREATMENT else label)
                for value, label in Concern.About.choices
            ]
            self.fields["what_happened"].help_text = "In their words, as far as you can."
            self.fields["wanted"].label = "What would they like to happen? (optional)"
            self.fields["wanted"].help_text = ""
            self.fields["danger"].help_text = "Them or someone else."
        else:
            del self.fields["received"]

    @property
    def safeguarding(self) -> bool:
        return self.cleaned_data.get("danger") == YES

    def clean(self):
        data = super().clean()
        about = data.get("about")
        if about == Concern.About.MEETING and "invitation" in self.fields:
            if not data.get("invitation") and "invitation" not in self.errors:
                self.add_error("invitation", "Choose the meeting your concern is about")
        if about == Concern.About.PAYMENT and "claim" in self.fields:
            if not data.get("claim") and "claim" not in self.errors:
                self.add_error("claim", "Choose the payment your concern is about")
        return data


class AddMoreForm(NHSFormMixin, forms.Form):
    text = forms.CharField(
        max_length=5000,
        label="Add more to your concern",
        help_text="Anything you want to tell us, or a question about our reply.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write what you want to add"},
    )
    submission = SubmissionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_submission(self)


class TriageForm(NHSFormMixin, forms.Form):
    category = forms.ChoiceField(
        label="What kind of concern is it?",
        choices=Concern.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of concern it is"},
    )
    handler = forms.TypedChoiceField(
        coerce=int,
        label="Who is handling it?",
        error_messages={
            "required": "Choose who is handling it",
            "invalid_choice": "That person cannot handle concerns now. Choose someone from the list",
        },
    )
    safeguarding = forms.BooleanField(
        required=False,
        label="This is a safeguarding concern",
        help_text="It goes to the safeguarding contacts at once. It cannot be unmarked.",
    )

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        handler = self.fields["handler"]
        assert isinstance(handler, forms.TypedChoiceField)
        handler.choices = [("", "Choose a person"), *((u.pk, u.display_name) for u in handlers)]


class RespondForm(NHSFormMixin, forms.Form):
    text = forms.CharField(
        max_length=5000,
        label="Your reply",
        help_text=(
            "Write in plain words. They read it in their portal, and we email them to say "
            "there is a reply."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your reply"},
    )
    submission = SubmissionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_submission(self)


class CloseForm(NHSFormMixin, forms.Form):
    note = forms.CharField(
        max_length=5000,
        label="Closing note",
        help_text="What happened as a result. The expert sees this note in their portal.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write a closing note: what happened as a result"},
    )


class ReopenForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        max_length=2000,
        label="Why are you reopening it?",
        help_text="The expert sees this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write why you are reopening it"},
    )


class SettingsForm(NHSFormMixin, forms.Form):
    subjects = {"team_email": "the safeguarding team's email address"}

    contacts = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label="Staff who are safeguarding contacts",
        help_text="Each gets an email at once when a concern is marked as safeguarding.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "That account cannot be chosen now. Choose from the list"
        },
    )
    team_email = forms.EmailField(
        required=False,
        max_length=254,
        label="The safeguarding team's email address (optional)",
        help_text="If the safeguarding team has a shared inbox, it is told as well.",
        error_messages={
            "invalid": "Enter an email address in the right form, like safeguarding@example.org"
        },
    )
    reply_days = forms.IntegerField(
        min_value=1,
        max_value=30,
        label="Working days within which an expert hears back",
        help_text="Experts are told this when they raise a concern.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter the number of working days"},
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        contacts = self.fields["contacts"]
        assert isinstance(contacts, forms.TypedMultipleChoiceField)
        contacts.choices = [(u.pk, f"{u.display_name} ({u.email})") for u in staff]


class FilterForm(NHSFormMixin, forms.Form):
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("", "Any"), ("waiting", "Not closed"), *Concern.Status.choices],
    )
    about = forms.ChoiceField(
        required=False, label="About", choices=[("", "Anything"), *Concern.About.choices]
    )
    safeguarding = forms.BooleanField(required=False, label="Safeguarding only")
