"""The forms of the register of members: joining (public), a member's own changes, the
office's paper form and edits, constituencies, the minimum age, and the staff list upload.
Every message is written for the person reading it, beside the field it is about."""

from datetime import date

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.impact.equality.categories import DISABILITY, ETHNIC_GROUP, SEX, choices_of
from coproduce.membership.members import postcodes, queries
from coproduce.membership.members.choices import AreaKind, ConstituencyKind
from coproduce.membership.members.models import Constituency
from coproduce.membership.members.services import age_on, too_young_message
from coproduce.people.validation import clean_phone

LEGEND = {"data-label-class": "nhsuk-fieldset__legend--s"}
PUBLIC = "public"
PATIENT_OR_CARER = "patients_carers"
NOT_IN_AREA = (
    "Your postcode {district} is not in the area our public constituencies cover. You can still "
    "join as a patient or carer if you, or someone you care for, has used our services in the "
    "last 3 years"
)
NOT_IN_AREA_CHOOSE = NOT_IN_AREA + ", or choose your council area below"
NO_PATIENT_CONSTITUENCY = (
    "We are not taking new members as patients or carers at the moment. You can join if you "
    "live in our area"
)
NEED_EMAIL_FOR_EMAIL = "Enter your email address, or choose post as the way we contact you"
NEED_A_WAY = "Choose at least one way for us to contact you"
BORN_IN_FUTURE = "Date of birth must be in the past"
TOO_OLD = "Check your date of birth: the year looks wrong"
NOT_A_POSTCODE = "Enter a full postcode, like LS6 2AB"

CHARACTERISTIC_QUESTIONS = {
    "sex": ("What is your sex?", SEX),
    "ethnic_group": ("What is your ethnic group?", ETHNIC_GROUP),
    "disability": (DISABILITY.question, DISABILITY),
}


def check_birth(born: date) -> date:
    """A date of birth that is real and old enough, or the message to show beside it."""
    today = timezone.localdate()
    if born >= today:
        raise forms.ValidationError(BORN_IN_FUTURE)
    if age_on(born, today) > 120:
        raise forms.ValidationError(TOO_OLD)
    minimum = queries.minimum_age()
    if age_on(born, today) < minimum:
        raise forms.ValidationError(too_young_message(minimum))
    return born


def address_field() -> forms.CharField:
    """The address box of the join forms and the office's form."""
    return forms.CharField(
        max_length=500,
        label="Your address",
        help_text="Your house number or name, street and town",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )


def postcode_field() -> forms.CharField:
    return forms.CharField(
        max_length=10,
        label="Postcode",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "data-width": "10"}),
    )


def date_of_birth_field() -> DateInputField:
    return DateInputField(
        label="Date of birth",
        help_text="For example, 27 3 1980",
        subject="Date of birth",
        required_message="Enter your date of birth",
    )


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="I agree that the trust may keep these details to run its membership",
        help_text="Read our privacy notice to find out how we use them.",
        error_messages={"required": "Tick the box to say we can keep your details"},
    )


class AddressAndBirthMixin:
    """Checks the postcode and date of birth of a form declaring `postcode_field()` and
    `date_of_birth_field()`. Declares no fields itself, so each form keeps its own order."""

    cleaned_data: dict

    def clean_postcode(self) -> str:
        text = self.cleaned_data.get("postcode", "")
        if not postcodes.is_postcode(text):
            raise forms.ValidationError(NOT_A_POSTCODE)
        return postcodes.normalise(text)

    def clean_date_of_birth(self) -> date:
        return check_birth(self.cleaned_data["date_of_birth"])


def _characteristic(slug: str) -> forms.ChoiceField:
    question, characteristic = CHARACTERISTIC_QUESTIONS[slug]
    return forms.ChoiceField(
        label=question + " (optional)",
        help_text=characteristic.hint,
        required=False,
        choices=choices_of(characteristic),
        widget=forms.RadioSelect(attrs=LEGEND),
    )


class DetailsForm(AddressAndBirthMixin, NHSFormMixin, forms.Form):
    """A member's details and how they want to hear from us: joining, their own changes and the
    office's edits share it."""

    subjects = {
        "contact": "how we should contact you",
        "wants_news": "whether you want news from us",
        "date_of_birth": "your date of birth",
    }

    full_name = forms.CharField(
        max_length=200, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        label="Email address (optional)",
        help_text="We will send your membership details here. Leave it blank if you want us to "
        "write to you by post.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )
    phone = forms.CharField(
        max_length=30,
        required=False,
        label="Phone number (optional)",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "data-width": "20"}),
    )
    address = address_field()
    postcode = postcode_field()
    date_of_birth = date_of_birth_field()
    contact = forms.MultipleChoiceField(
        label="How do you want to hear from us?",
        help_text="Choose all that apply",
        choices=[("email", "By email"), ("post", "By post")],
        widget=forms.CheckboxSelectMultiple(attrs=LEGEND),
        error_messages={"required": NEED_A_WAY},
    )
    wants_news = forms.TypedChoiceField(
        label="Do you want news about the trust, its governors and elections?",
        choices=[("yes", "Yes"), ("no", "No, only what I need as a member, like ballot papers")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs=LEGEND),
    )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_contact(self) -> list[str]:
        chosen = self.cleaned_data.get("contact") or []
        if "email" in chosen and not self.cleaned_data.get("email"):
            raise forms.ValidationError(NEED_EMAIL_FOR_EMAIL)
        return chosen

    def details(self) -> dict:
        data = self.cleaned_data
        contact = data.get("contact") or []
        return {
            "full_name": data["full_name"].strip(),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "address": data["address"].strip(),
            "postcode": data["postcode"],
            "date_of_birth": data["date_of_birth"],
            "by_email": "email" in contact,
            "by_post": "post" in contact,
            "wants_news": bool(data.get("wants_news")),
        }

    @staticmethod
    def initial_from(member) -> dict:
        contact = [
            name for name, on in (("email", member.by_email), ("post", member.by_post)) if on
        ]
        return {
            "full_name": member.full_name,
            "email": member.email,
            "phone": member.phone,
            "address": member.address,
            "postcode": member.postcode,
            "date_of_birth": member.date_of_birth,
            "contact": contact,
            "wants_news": "yes" if member.wants_news else "no",
        }


class CharacteristicsMixin(NHSFormMixin, forms.Form):
    sex = _characteristic("sex")
    ethnic_group = _characteristic("ethnic_group")
    disability = _characteristic("disability")

    def characteristics(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in CHARACTERISTIC_QUESTIONS}


class ConstituencyMixin(NHSFormMixin, forms.Form):
    """How the person joins: the public constituency their postcode (or chosen council area)
    is in, or as a patient or carer. Needs a `postcode` field on the form."""

    subjects = {"join_as": "how you are joining", "local_authority": "your council area"}

    join_as = forms.ChoiceField(
        label="How are you joining?",
        choices=[
            (PUBLIC, "I live in the area the trust serves"),
            (PATIENT_OR_CARER, "I am a patient of the trust, or I care for one"),
        ],
        widget=forms.RadioSelect(attrs=LEGEND),
        help_text="If you live in our area and are a patient or carer, choose either.",
    )
    local_authority = forms.ChoiceField(
        label="Your council area",
        help_text="Only if your postcode is not in our area and you live in one of these",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.public = queries.open_public_constituencies()
        authorities = queries.local_authority_choices(self.public)
        if authorities:
            self.fields["local_authority"].choices = [("", "My area is not listed")] + authorities
        else:
            del self.fields["local_authority"]
        self.constituency: Constituency | None = None

    def postcode_given(self) -> str:
        return self.cleaned_data.get("postcode") or ""

    def clean(self):
        data = super().clean()
        join_as = data.get("join_as")
        if join_as == PATIENT_OR_CARER:
            self.constituency = queries.joinable(ConstituencyKind.PATIENTS_AND_CARERS)
            if self.constituency is None:
                self.add_error("join_as", NO_PATIENT_CONSTITUENCY)
        elif join_as == PUBLIC and self.postcode_given():
            self.constituency = self._public_constituency(data)
        return data

    def _public_constituency(self, data) -> Constituency | None:
        postcode = self.postcode_given()
        found = queries.constituency_for_postcode(postcode, self.public)
        if found is not None:
            return found
        chosen = data.get("local_authority") or ""
        pk, _, area = chosen.partition(":")
        for candidate in self.public:
            if str(candidate.pk) == pk and area in candidate.areas:
                return candidate
        message = NOT_IN_AREA_CHOOSE if "local_authority" in self.fields else NOT_IN_AREA
        field = "postcode" if "postcode" in self.fields else "join_as"
        self.add_error(field, message.format(district=postcodes.district(postcode)))
        return None


class JoinForm(DetailsForm, CharacteristicsMixin, ConstituencyMixin):
    """The public join form. Which constituency comes from the postcode (or the council area
    chosen), or the person joins as a patient or carer."""

    subjects = {
        **DetailsForm.subjects,
        "join_as": "how you are joining",
        "local_authority": "your council area",
    }

    # A trap for robots that fill in every box (see people.forms.GetInvolvedForm).
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")
    consent = consent_field()

    field_order = [
        "full_name",
        "email",
        "phone",
        "address",
        "postcode",
        "date_of_birth",
        "join_as",
        "local_authority",
        "contact",
        "wants_news",
        "sex",
        "ethnic_group",
        "disability",
        "consent",
        "website",
    ]

    @property
    def looks_automated(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ExpertJoinForm(AddressAndBirthMixin, ConstituencyMixin):
    """An expert joining from their portal: only what their record does not hold (their date of
    birth always; their address and postcode if missing) and how they join."""

    subjects = {
        "join_as": "how you are joining",
        "local_authority": "your council area",
        "date_of_birth": "your date of birth",
    }

    address = address_field()
    postcode = postcode_field()
    date_of_birth = date_of_birth_field()
    consent = consent_field()
    field_order = ["address", "postcode", "date_of_birth", "join_as", "local_authority", "consent"]

    def __init__(self, *args, expert, **kwargs):
        super().__init__(*args, **kwargs)
        self.expert = expert
        if expert.address and postcodes.is_postcode(expert.postcode):
            del self.fields["address"]
            del self.fields["postcode"]

    def postcode_given(self) -> str:
        if "postcode" in self.fields:
            return self.cleaned_data.get("postcode") or ""
        return self.expert.postcode

    def details(self) -> dict:
        expert = self.expert
        return {
            "full_name": expert.full_name,
            "email": expert.email,
            "phone": expert.phone,
            "address": self.cleaned_data.get("address") or expert.address,
            "postcode": self.postcode_given(),
            "date_of_birth": self.cleaned_data["date_of_birth"],
            "by_email": bool(expert.email),
            "by_post": not expert.email,
            "wants_news": True,
        }


class ManageEmailForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(
        max_length=254,
        label="Email address",
        help_text="The email address you gave us when you joined",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )


class OwnDetailsForm(DetailsForm, CharacteristicsMixin):
    """A member changing their own details through the emailed link."""


class LeaveForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        max_length=200,
        required=False,
        label="Why are you leaving? (optional)",
        help_text="This helps us understand. You do not have to say.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    subjects = {"reason": "why you are leaving"}


class OfficeMemberForm(DetailsForm, CharacteristicsMixin):
    """The membership office's paper form and edits: any constituency, chosen."""

    subjects = {**DetailsForm.subjects, "date_of_birth": "their date of birth"}

    constituency = forms.ModelChoiceField(
        queryset=Constituency.objects.all(),
        label="Constituency",
        empty_label="Choose a constituency",
    )
    staff_number = forms.CharField(max_length=30, required=False, label="Staff number (optional)")

    field_order = [
        "full_name",
        "email",
        "phone",
        "address",
        "postcode",
        "date_of_birth",
        "constituency",
        "staff_number",
        "contact",
        "wants_news",
        "sex",
        "ethnic_group",
        "disability",
    ]

    def clean_date_of_birth(self) -> date:
        try:
            return super().clean_date_of_birth()
        except forms.ValidationError as error:
            minimum = queries.minimum_age()
            if error.messages == [too_young_message(minimum)]:
                raise forms.ValidationError(
                    f"Members must be {minimum} or older. Check the date on the form"
                ) from None
            raise

    def clean_constituency(self) -> Constituency:
        chosen = self.cleaned_data["constituency"]
        if not self.initial.get("constituency") == chosen.pk and not chosen.open_to_new_members:
            raise forms.ValidationError(f"{chosen.name} is not taking new members")
        return chosen


class ConstituencyForm(NHSFormMixin, forms.Form):
    subjects = {
        "kind": "who the constituency is for",
        "area_kind": "how its area is described",
        "governor_seats": "the number of governor seats",
        "open_to_new_members": "whether it is taking new members",
    }

    name = forms.CharField(max_length=120, label="Name")
    kind = forms.ChoiceField(
        label="Who is it for?",
        choices=ConstituencyKind.choices,
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    area_kind = forms.ChoiceField(
        label="How is its area described? (public constituencies only)",
        choices=AreaKind.choices,
        required=False,
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    areas = forms.CharField(
        label="Areas (public constituencies only)",
        required=False,
        help_text="One on each line, or separated by commas: postcode districts like LS6, or "
        "council areas like Leeds",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    governor_seats = forms.IntegerField(label="Governor seats", min_value=1, max_value=50)
    population = forms.IntegerField(
        label="Population (optional)",
        help_text="The people who live in the area, or who could belong, from census tables",
        required=False,
        min_value=0,
        max_value=100_000_000,
    )
    open_to_new_members = forms.TypedChoiceField(
        label="Is it taking new members?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs=LEGEND),
    )
    order = forms.IntegerField(
        label="Place in lists (optional)",
        help_text="Lower numbers come first",
        required=False,
        min_value=0,
        max_value=1000,
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ConstituencyKind.PUBLIC:
            if not data.get("area_kind"):
                self.add_error(
                    "area_kind", "Choose how the area of a public constituency is described"
                )
            areas = self.area_list()
            if not areas:
                self.add_error("areas", "Enter the areas a public constituency covers")
            elif data.get("area_kind") == AreaKind.POSTCODE_DISTRICTS:
                wrong = postcodes.bad_districts(postcodes.clean_districts(areas))
                if wrong:
                    self.add_error(
                        "areas",
                        f"Enter postcode districts like LS6: these are not: {', '.join(wrong)}",
                    )
        return data

    def area_list(self) -> list[str]:
        text = self.cleaned_data.get("areas") or ""
        return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "kind": data["kind"],
            "area_kind": data.get("area_kind") or "",
            "areas": self.area_list(),
            "governor_seats": data["governor_seats"],
            "population": data.get("population"),
            "open_to_new_members": data["open_to_new_members"],
            "order": data.get("order") or 0,
        }

    @staticmethod
    def initial_from(constituency: Constituency) -> dict:
        return {
            "name": constituency.name,
            "kind": constituency.kind,
            "area_kind": constituency.area_kind,
            "areas": "\n".join(constituency.areas),
            "governor_seats": constituency.governor_seats,
            "population": constituency.population,
            "open_to_new_members": "yes" if constituency.open_to_new_members else "no",
            "order": constituency.order,
        }


class MinimumAgeForm(NHSFormMixin, forms.Form):
    minimum_age = forms.IntegerField(
        label="Minimum age to be a member",
        help_text="As the trust's constitution says. Usually 16.",
        min_value=11,
        max_value=25,
        widget=forms.NumberInput(attrs={"data-width": "3"}),
    )


class SearchForm(NHSFormMixin, forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name, email or postcode")
    constituency = forms.TypedChoiceField(
        required=False, coerce=int, label="Constituency", empty_value=None
    )
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("", "Any"), ("member", "Members"), ("left", "Left")],
    )

    def __init__(self, *args, constituencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].choices = [("", "Any")] + [
            (c.pk, c.name) for c in constituencies
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "constituency_id": data.get("constituency"),
            "status": data.get("status") or "",
        }


class RepresentationForm(NHSFormMixin, forms.Form):
    """The constituency the representativeness figures are for: all of them unless chosen."""

    subjects = {"constituency": "a constituency"}

    constituency = forms.TypedChoiceField(
        required=False, coerce=int, label="Constituency", empty_value=None
    )

    def __init__(self, *args, constituencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].choices = [("", "All constituencies")] + [
            (c.pk, c.name) for c in constituencies
        ]

    def constituency_id(self) -> int | None:
        if not self.is_valid():
            return None
        return self.cleaned_data.get("constituency")


class StaffListForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="The staff list",
        help_text="A CSV or Excel file with columns headed Staff number, Name, Email and Date "
        "of birth",
    )
    subjects = {"file": "the staff list"}
