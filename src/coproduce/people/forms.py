from datetime import datetime, time
from decimal import Decimal
from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.people import queries
from coproduce.people.choices import (
    BenefitsDeclaration,
    Channel,
    CommunicationNeed,
    PaymentPreference,
    Perspective,
    Status,
    TimeOfDay,
    Weekday,
)
from coproduce.people.models import AccessNeed, Expert, LivedExperienceArea, Locality, Skill
from coproduce.people.validation import clean_phone, clean_postcode


def _list_field(model, label: str, help_text: str = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.filter(active=True),
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class ExpertFormBase(NHSFormMixin, forms.Form):
    """Fields and checks shared by the coordinator's form and the expert's own."""

    def _keep_inactive_choices(self, expert: Expert | None) -> None:
        """An entry made inactive stays selectable on records that already have it."""
        pairs = {
            "lived_experience": LivedExperienceArea,
            "skills": Skill,
            "access_needs": AccessNeed,
        }
        for name, model in pairs.items():
            if name in self.fields:
                current = (
                    getattr(expert, name).all() if expert and expert.pk else model.objects.none()
                )
                cast(forms.ModelChoiceField, self.fields[name]).queryset = model.objects.filter(
                    Q(active=True) | Q(pk__in=current.values("pk"))
                )
        if "locality" in self.fields:
            current_locality = expert.locality_id if expert else None
            locality = cast(forms.ModelChoiceField, self.fields["locality"])
            locality.queryset = Locality.objects.filter(Q(active=True) | Q(pk=current_locality))

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if channel == Channel.EMAIL and "email" in self.fields and not data.get("email"):
            self.add_error("email", "Enter an email address, or choose another way to contact them")
        if channel in {Channel.PHONE, Channel.TEXT} and not data.get("phone"):
            self.add_error("phone", "Enter a phone number, or choose another way to be contacted")
        if channel == Channel.POST and not data.get("address"):
            self.add_error("address", "Enter an address, or choose another way to be contacted")
        needs = data.get("communication_needs") or []
        if (
            CommunicationNeed.CARER_COPY in needs
            and not data.get("carer_email")
            and "carer_email" not in self.errors
        ):
            self.add_error(
                "carer_email",
                "Enter the carer or supporter's email address, or untick copying them in",
            )
        return data


class ContactFields(forms.Form):
    subjects = {"preferred_channel": "how they prefer to be contacted"}

    preferred_name = forms.CharField(
        max_length=100,
        required=False,
        label="Preferred name",
        help_text="What they like to be called, if different",
    )
    pronouns = forms.CharField(
        max_length=40, required=False, label="Pronouns", help_text="For example, she/her, they/them"
    )
    phone = forms.CharField(
        max_length=30,
        required=False,
        label="Phone number",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "data-width": "20"}),
    )
    address = forms.CharField(
        max_length=500,
        required=False,
        label="Address",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        max_length=10,
        required=False,
        label="Postcode",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "data-width": "10"}),
    )
    preferred_channel = forms.ChoiceField(
        choices=Channel.choices,
        label="How do they prefer to be contacted?",
        widget=forms.RadioSelect,
        initial=Channel.EMAIL,
    )
    communication_needs = forms.MultipleChoiceField(
        choices=CommunicationNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="How do they need what we send them?",
        help_text="Choose all that apply. Easy Read and large print versions are sent to them "
        "automatically; audio and BSL are listed for the team to arrange",
    )
    carer_name = forms.CharField(
        max_length=150, required=False, label="Carer or supporter's name (optional)"
    )
    carer_email = forms.EmailField(
        max_length=254,
        required=False,
        label="Carer or supporter's email address",
        help_text="Only needed to copy them in on messages",
        widget=forms.EmailInput(attrs={"spellcheck": False}),
    )
    biography = forms.CharField(
        max_length=2000,
        required=False,
        label="Short biography",
        help_text="A few sentences about their experience and what they bring. Up to 2,000 characters.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    access_notes = forms.CharField(
        max_length=1000,
        required=False,
        label="Anything else about support needed",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    available_days = forms.MultipleChoiceField(
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Days usually available",
    )
    available_times = forms.MultipleChoiceField(
        choices=TimeOfDay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Times usually available",
    )
    notice_days = forms.IntegerField(
        min_value=0,
        max_value=365,
        initial=7,
        label="Days' notice needed",
        help_text="How many days' notice before a meeting",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )


class ExpertForm(ExpertFormBase, ContactFields):
    """Everything a coordinator records about an expert."""

    full_name = forms.CharField(
        max_length=150, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )
    perspective = forms.ChoiceField(
        choices=Perspective.choices, widget=forms.RadioSelect, label="Perspective"
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(),
        required=False,
        label="Locality",
        empty_label="Not recorded",
    )
    lived_experience = _list_field(LivedExperienceArea, "Lived experience")
    skills = _list_field(Skill, "Skills")
    access_needs = _list_field(AccessNeed, "Access and communication needs")
    payment_preference = forms.ChoiceField(
        choices=PaymentPreference.choices, widget=forms.RadioSelect, label="Payment preference"
    )
    benefits_declaration = forms.ChoiceField(
        choices=BenefitsDeclaration.choices,
        widget=forms.RadioSelect,
        label="Benefits declaration",
        initial=BenefitsDeclaration.NONE,
    )
    earnings_limit = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        label="Earnings limit in pounds",
        help_text="Only for a weekly or monthly limit. For example, 195.00",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-width": "5"}),
    )
    assessment_period_start_day = forms.IntegerField(
        min_value=1,
        max_value=31,
        required=False,
        label="Assessment period starts on day",
        help_text="Only for a monthly limit: the day of the month it starts, 1 to 31",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "2"}),
    )
    payee_reference = forms.CharField(
        max_length=40,
        required=False,
        label="Payee reference",
        help_text="The reference finance pays against. Never enter bank details.",
    )
    consent_date = DateInputField(
        required=False,
        label="Date they agreed we can keep their data",
        help_text="For example, 15 3 2026. Which version of the privacy notice they "
        "acknowledged is recorded when they sign it, under Agreements (or on paper there).",
    )
    internal_notes = forms.CharField(
        max_length=5000,
        required=False,
        label="Internal notes",
        help_text="Only the involvement team sees these. Up to 5,000 characters.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = forms.FileField(
        required=False,
        label="Photo",
        help_text="A JPEG or PNG, smaller than 5 MB",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    field_order = [
        "full_name",
        "preferred_name",
        "pronouns",
        "email",
        "phone",
        "address",
        "postcode",
        "preferred_channel",
        "communication_needs",
        "carer_name",
        "carer_email",
        "locality",
        "perspective",
        "lived_experience",
        "skills",
        "biography",
        "photo",
        "access_needs",
        "access_notes",
        "available_days",
        "available_times",
        "notice_days",
        "payment_preference",
        "benefits_declaration",
        "earnings_limit",
        "assessment_period_start_day",
        "payee_reference",
        "consent_date",
        "internal_notes",
    ]

    def __init__(self, *args, expert: Expert | None = None, **kwargs):
        if expert is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(expert)
        super().__init__(*args, **kwargs)
        self.expert = expert
        self._keep_inactive_choices(expert)

    def clean_photo(self):
        from coproduce.core.images import clean_photo

        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def clean_payee_reference(self) -> str:
        value = self.cleaned_data.get("payee_reference", "").strip()
        digits = sum(ch.isdigit() for ch in value)
        if digits >= 8 and value.replace(" ", "").replace("-", "").isdigit():
            raise forms.ValidationError(
                "This looks like a bank account number. Enter the payee reference from finance instead"
            )
        return value

    def clean(self):
        data = super().clean()
        declaration = data.get("benefits_declaration")
        if declaration in {BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT}:
            if data.get("earnings_limit") is None and "earnings_limit" not in self.errors:
                self.add_error("earnings_limit", "Enter the earnings limit, for example 195.00")
        if declaration == BenefitsDeclaration.MONTHLY_LIMIT:
            if (
                not data.get("assessment_period_start_day")
                and "assessment_period_start_day" not in self.errors
            ):
                self.add_error(
                    "assessment_period_start_day",
                    "Enter the day of the month the assessment period starts",
                )
        return data

    def _consent_given_at(self, consent_date):
        """The form shows only the date: an unchanged date keeps the moment already recorded
        (the time they agreed online, say), so saving again changes nothing about consent."""
        if not consent_date:
            return None
        recorded = self.expert.consent_given_at if self.expert is not None else None
        if recorded and timezone.localtime(recorded).date() == consent_date:
            return recorded
        return timezone.make_aware(datetime.combine(consent_date, time(12, 0)))

    def profile_values(self) -> dict:
        data = dict(self.cleaned_data)
        consent_date = data.pop("consent_date", None)
        declaration = data.get("benefits_declaration")
        if declaration not in {BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT}:
            data["earnings_limit"] = None
        if declaration != BenefitsDeclaration.MONTHLY_LIMIT:
            data["assessment_period_start_day"] = None
        data["email"] = (data.get("email") or "").lower()
        data["consent_given_at"] = self._consent_given_at(consent_date)
        if not data.get("photo"):
            data.pop("photo", None)
        return data


class AddExpertForm(ExpertForm):
    """Adding by hand, checked for people already on the register as an import is. The
    coordinator confirms a different person against the matches they were shown: a match that
    appears after a change to the details is shown and confirmed in its turn."""

    different_person = forms.BooleanField(
        required=False, label="This is a different person — add them anyway"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches: list[queries.LikelyMatch] = []
        self.email_holder = ""

    @property
    def match_ids(self) -> str:
        """Written into the page, so that the tick confirms exactly the people shown."""
        return ",".join(str(m.expert.pk) for m in self.matches)

    def clean(self):
        data = super().clean()
        name = data.get("full_name", "")
        if not name:
            return data
        self.matches = queries.likely_matches(
            full_name=name, email=data.get("email") or "", phone=data.get("phone") or ""
        )
        if self.matches:
            # Said on the form, as it is on their profile afterwards: an email address signs
            # in to one account only, so the new person could not sign in with this one.
            holder = queries.account_with_email(data.get("email") or "")
            if holder is not None:
                expert = getattr(holder, "expert", None)
                self.email_holder = "a member of staff" if expert is None else expert.full_name
        shown = set(self.data.get("checked_matches", "").split(","))
        confirmed = data.get("different_person") and all(
            str(m.expert.pk) in shown for m in self.matches
        )
        if self.matches and not confirmed:
            if data.get("different_person"):
                # The tick was for other people: untick it so that it is given again.
                self.data = self.data.copy()
                self.data["different_person"] = ""
            self.add_error(
                "different_person",
                f"Check whether {name} is already on the register. If they are not one of the "
                "people listed, tick the box to add them anyway",
            )
        return data

    def profile_values(self) -> dict:
        data = super().profile_values()
        data.pop("different_person", None)
        return data


def initial_from(expert: Expert) -> dict:
    initial = {
        name: getattr(expert, name)
        for name in (
            "full_name",
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "address",
            "postcode",
            "preferred_channel",
            "communication_needs",
            "carer_name",
            "carer_email",
            "perspective",
            "biography",
            "access_notes",
            "available_days",
            "available_times",
            "notice_days",
            "payment_preference",
            "benefits_declaration",
            "earnings_limit",
            "assessment_period_start_day",
            "payee_reference",
            "internal_notes",
        )
    }
    initial["locality"] = expert.locality_id
    if expert.pk:
        initial["lived_experience"] = [o.pk for o in expert.lived_experience.all()]
        initial["skills"] = [o.pk for o in expert.skills.all()]
        initial["access_needs"] = [o.pk for o in expert.access_needs.all()]
    if expert.consent_given_at:
        initial["consent_date"] = timezone.localtime(expert.consent_given_at).date()
    return initial


class OwnProfileForm(ExpertFormBase, ContactFields):
    """What an expert can change about themselves, in plain words."""

    subjects = {
        "preferred_channel": "how you like us to contact you",
        "notice_days": "the days' notice you need",
    }

    access_needs = _list_field(
        AccessNeed, "What support do you need to take part?", "Choose all that apply"
    )

    field_order = [
        "preferred_name",
        "pronouns",
        "phone",
        "address",
        "postcode",
        "preferred_channel",
        "communication_needs",
        "carer_name",
        "carer_email",
        "biography",
        "access_needs",
        "access_notes",
        "available_days",
        "available_times",
        "notice_days",
    ]

    def __init__(self, *args, expert: Expert, **kwargs):
        if "initial" not in kwargs:
            kwargs["initial"] = initial_from(expert)
        super().__init__(*args, **kwargs)
        self.expert = expert
        self._keep_inactive_choices(expert)
        self.fields["preferred_channel"].label = "How do you like us to contact you?"
        self.fields["communication_needs"].label = "How do you need the things we send you?"
        self.fields["communication_needs"].help_text = (
            "Choose all that apply. We send you the Easy Read or large print version when we "
            "have one. For audio or British Sign Language, we will arrange it with you"
        )
        self.fields["carer_name"].label = "Your carer or supporter's name (optional)"
        self.fields["carer_email"].label = "Your carer or supporter's email address"
        self.fields["carer_email"].help_text = "Only if you want us to copy them in"
        self.fields["preferred_name"].label = "What would you like us to call you?"
        self.fields["preferred_name"].help_text = ""
        self.fields["biography"].label = "About you"
        self.fields[
            "biography"
        ].help_text = (
            "A few sentences about your experience. Staff may read this when they invite people."
        )
        self.fields["available_days"].label = "Which days are you usually free?"
        self.fields["available_times"].label = "What times are you usually free?"
        self.fields["notice_days"].label = "How many days' notice do you need?"
        self.fields["access_notes"].label = "Anything else we should know about your support?"

    def clean(self):
        data = super().clean()
        if data.get("preferred_channel") == Channel.EMAIL and not self.expert.email:
            self.add_error(
                "preferred_channel",
                "We do not have your email address. Choose another way, or ask the team",
            )
        return data


class StatusForm(NHSFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        widget=forms.RadioSelect,
        label="New status",
        help_text="Someone can be made active only when every required item of their "
        "onboarding checklist is done.",
    )
    reason = forms.CharField(max_length=300, required=False, label="Reason (optional)")


class GetInvolvedForm(NHSFormMixin, forms.Form):
    """The public sign-up: short, plain, and only what we need to get in touch."""

    subjects = {
        "preferred_channel": "how we should contact you",
        "perspective": "which describes you best",
    }

    # A trap for robots that fill in every box. People never see it, nor do screen readers:
    # the page hides it (people/get_involved.jinja), and a sending with it filled in is
    # thanked as usual and kept nowhere.
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")

    full_name = forms.CharField(
        max_length=150, label="Your name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )
    phone = forms.CharField(
        max_length=30,
        required=False,
        label="Phone number",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "data-width": "20"}),
    )
    preferred_channel = forms.ChoiceField(
        choices=Channel.choices,
        widget=forms.RadioSelect,
        label="How should we contact you?",
        initial=Channel.EMAIL,
    )
    # Shown under "Letter" when scripts run; without them, plainly after the choices, which
    # is why each hint says when it is needed.
    address = forms.CharField(
        max_length=500,
        required=False,
        label="Your address",
        help_text="Only if you chose letter. Your house number, street and town.",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        max_length=10,
        required=False,
        label="Postcode",
        help_text="Only if you chose letter",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "data-width": "10"}),
    )
    perspective = forms.ChoiceField(
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        label="Which describes you best?",
    )
    lived_experience = _list_field(
        LivedExperienceArea,
        "What is your experience of?",
        "Choose all that apply. You can leave this blank.",
    )
    access_needs = _list_field(
        AccessNeed, "What support would help you take part?", "Choose all that apply"
    )
    consent = forms.BooleanField(
        label="I agree that you can keep these details to contact me about getting involved",
        help_text="Read our privacy notice to find out how we use them.",
        error_messages={"required": "Tick the box to say we can keep your details"},
    )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    # The address is checked here, not in clean(), so that its messages come in the error
    # summary in the order the questions are on the page.
    def _wants_letter(self) -> bool:
        return self.cleaned_data.get("preferred_channel") == Channel.POST

    def clean_address(self) -> str:
        address = self.cleaned_data.get("address", "")
        if self._wants_letter() and not address:
            raise forms.ValidationError(
                "Enter your address so we can write to you, or choose another way"
            )
        return address

    def clean_postcode(self) -> str:
        postcode = clean_postcode(self.cleaned_data.get("postcode", ""))
        if self._wants_letter() and not postcode:
            raise forms.ValidationError(
                "Enter your postcode so we can write to you, or choose another way"
            )
        return postcode

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if (
            channel != Channel.POST
            and not data.get("email")
            and not data.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email", "Enter an email address or a phone number so we can contact you"
            )
        if channel == Channel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", "Enter your email address, or choose another way to be contacted"
            )
        if (
            channel in {Channel.PHONE, Channel.TEXT}
            and not data.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error(
                "phone", "Enter your phone number, or choose another way to be contacted"
            )
        return data

    @property
    def looks_automated(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def profile_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consent")
        data.pop("website", None)
        data["email"] = (data.get("email") or "").lower()
        return data


class ChoiceEntryForm(NHSFormMixin, forms.Form):
    name = forms.CharField(max_length=100, label="Name")
    description = forms.CharField(max_length=300, required=False, label="Description (optional)")
    active = forms.BooleanField(
        required=False,
        initial=True,
        label="In use",
        help_text="Entries not in use stay on old records but cannot be chosen",
    )


class RestrictionForm(NHSFormMixin, forms.Form):
    """Why processing is restricted: shown on the record's banner, so the whole team knows."""

    subjects = {"reason": "why processing is restricted"}

    reason = forms.CharField(
        max_length=300,
        label="Why is processing restricted?",
        help_text="For example, what the person asked for and how. "
        "Everyone in the involvement team sees this on their record",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LiftRestrictionForm(NHSFormMixin, forms.Form):
    subjects = {"reason": "why we can use their information again"}

    reason = forms.CharField(
        max_length=300,
        required=False,
        label="Why can we use their information again? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
