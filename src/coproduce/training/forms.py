"""Forms for courses and training records, with messages written for the person."""

from datetime import date

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import long_date
from coproduce.core.forms import NHSFormMixin
from coproduce.training import queries
from coproduce.training.models import Course, CourseKind

NAME_TAKEN = "There is already a course with that name. Choose a different name"
FUTURE = "The date they completed the course must be today or in the past"
BEFORE_COMPLETION = "The date it runs out must be after the date they completed the course"

WHO_CHOICES = [
    ("experts", "Experts by Experience"),
    ("staff", "Staff who work beside experts"),
    ("both", "Both"),
]


class CourseForm(NHSFormMixin, forms.Form):
    subjects = {
        "kind": "what kind of course it is",
        "who": "who the course is for",
        "expires": "whether the training runs out",
        "valid_for_months": "how many months it lasts",
    }

    name = forms.CharField(max_length=120, label="Name of the course")
    kind = forms.ChoiceField(
        choices=CourseKind.choices, widget=forms.RadioSelect, label="What kind of course is it?"
    )
    description = forms.CharField(
        max_length=2000,
        required=False,
        label="What the course is about (optional)",
        help_text="Experts see this when they look at the development on offer",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    who = forms.ChoiceField(
        choices=WHO_CHOICES, widget=forms.RadioSelect, label="Who is the course for?"
    )
    expires = forms.TypedChoiceField(
        choices=[("yes", "Yes, after a number of months"), ("no", "No, it does not run out")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Does the training run out?",
        help_text="For example, safeguarding training usually has to be done again every "
        "3 years (36 months)",
    )
    valid_for_months = forms.IntegerField(
        min_value=1,
        max_value=120,
        required=False,
        label="How many months does it last?",
        help_text="A number from 1 to 120",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )

    def __init__(self, *args, course: Course | None = None, **kwargs):
        if course is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": course.name,
                "kind": course.kind,
                "description": course.description,
                "who": "both"
                if course.for_experts and course.for_staff
                else ("staff" if course.for_staff else "experts"),
                "expires": "yes" if course.valid_for_months else "no",
                "valid_for_months": course.valid_for_months,
            }
        super().__init__(*args, **kwargs)
        self.course = course

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if queries.course_name_taken(name, other_than=self.course.pk if self.course else None):
            raise forms.ValidationError(NAME_TAKEN, code="taken")
        return name

    def clean(self):
        data = super().clean()
        if data.get("expires") is True and not data.get("valid_for_months"):
            if "valid_for_months" not in self.errors:
                self.add_error(
                    "valid_for_months",
                    forms.ValidationError(
                        "Enter how many months the training lasts", code="required"
                    ),
                )
        if data.get("expires") is False:
            data["valid_for_months"] = None
        return data

    def values(self) -> dict:
        """What services.add_course and change_course take."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "description": data["description"],
            "valid_for_months": data["valid_for_months"] if data["expires"] else None,
            "for_experts": data["who"] in {"experts", "both"},
            "for_staff": data["who"] in {"staff", "both"},
        }


def _check_completed(completed_on: date) -> date:
    if completed_on > timezone.localdate():
        raise forms.ValidationError(FUTURE, code="future")
    return completed_on


class RecordForm(NHSFormMixin, forms.Form):
    """One person's training. The expiry is worked out from the course when the coordinator
    checks it, and shown before saving; they may change it."""

    subjects = {"course": "the course"}

    course = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        label="Course",
        empty_label="Choose a course",
        error_messages={
            "required": "Choose the course they completed",
            "invalid_choice": "That course is no longer offered. Choose another",
        },
    )
    completed_on = DateInputField(
        label="Date they completed it",
        help_text="For example, 17 3 2026",
        required_message="Enter the date they completed the course",
        subject="The date they completed the course",
    )
    # Shown once the coordinator has checked: filled in from how long the course lasts.
    expires_on = DateInputField(
        required=False,
        label="Date it runs out",
        help_text="We worked this out from how long the course lasts. Change it if their "
        "certificate gives a different date",
        subject="The date it runs out",
    )

    def __init__(self, *args, for_staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["course"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            queries.courses_offered(for_staff=True)
            if for_staff
            else queries.courses_offered(for_experts=True)
        )

    def clean_completed_on(self) -> date:
        return _check_completed(self.cleaned_data["completed_on"])

    def clean(self):
        data = super().clean()
        completed_on, expires_on = data.get("completed_on"), data.get("expires_on")
        if completed_on and expires_on and expires_on <= completed_on:
            self.add_error("expires_on", forms.ValidationError(BEFORE_COMPLETION, code="order"))
        return data


class StaffRecordForm(RecordForm):
    subjects = {"course": "the course", "staff": "the member of staff"}
    field_order = ["staff", "course", "completed_on", "expires_on"]

    staff = forms.ModelChoiceField(
        queryset=queries.staff_to_choose(),
        label="Member of staff",
        empty_label="Choose a member of staff",
        error_messages={
            "required": "Choose the member of staff who completed the course",
            "invalid_choice": "That member of staff can no longer sign in. Choose another",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, for_staff=True, **kwargs)
        field = self.fields["staff"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queries.staff_to_choose()
        field.label_from_instance = lambda user: f"{user.full_name} ({user.email})"


class CorrectRecordForm(NHSFormMixin, forms.Form):
    completed_on = DateInputField(
        label="Date they completed it",
        help_text="For example, 17 3 2026",
        required_message="Enter the date they completed the course",
        subject="The date they completed the course",
    )
    expires_on = DateInputField(
        required=False,
        label="Date it runs out",
        help_text="Leave this empty if this training does not run out",
        subject="The date it runs out",
    )

    def clean_completed_on(self) -> date:
        return _check_completed(self.cleaned_data["completed_on"])

    def clean(self):
        data = super().clean()
        completed_on, expires_on = data.get("completed_on"), data.get("expires_on")
        if completed_on and expires_on and expires_on <= completed_on:
            self.add_error("expires_on", forms.ValidationError(BEFORE_COMPLETION, code="order"))
        return data


class RecordManyForm(NHSFormMixin, forms.Form):
    """Everyone at a training day: find experts by name, tick them (search again as often as
    needed: the people ticked so far are kept, as `chosen`), then one course and one date.
    The view checks who was chosen; with `checking` False (a search, a page of results, a
    person taken off the list) nothing is checked, and what was typed stays on the page."""

    subjects = {"course": "the course", "experts": "who completed it"}

    q = forms.CharField(
        max_length=100,
        required=False,
        label="Find experts by name or email",
        help_text="Only experts who are onboarding or active are shown",
    )
    experts = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Tick the experts who completed it",
        error_messages={
            "invalid_choice": "Someone you ticked can no longer be recorded. Tick again",
        },
    )
    course = RecordForm.base_fields["course"]
    completed_on = RecordForm.base_fields["completed_on"]

    def __init__(self, *args, expert_choices: list | None = None, checking: bool = True, **kw):
        super().__init__(*args, **kw)
        self.checking = checking
        course = self.fields["course"]
        assert isinstance(course, forms.ModelChoiceField)
        course.queryset = queries.courses_offered(for_experts=True)
        experts = self.fields["experts"]
        assert isinstance(experts, forms.TypedMultipleChoiceField)
        experts.choices = [(e.pk, _expert_label(e)) for e in expert_choices or []]

    def full_clean(self) -> None:
        if not self.checking:
            # Searching or paging: nothing is wrong yet. The values typed are shown as typed.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean_completed_on(self) -> date:
        return _check_completed(self.cleaned_data["completed_on"])


def _expert_label(expert) -> str:
    return f"{expert.full_name} ({expert.email})" if expert.email else expert.full_name


class ListFilterForm(NHSFormMixin, forms.Form):
    """The filters above the lists; a bad value is ignored (the list shows everything)."""

    course = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Course")
    who = forms.ChoiceField(
        choices=[("", "Experts and staff"), ("experts", "Experts"), ("staff", "Staff")],
        required=False,
        label="Whose training",
    )
    days = forms.TypedChoiceField(
        coerce=int,
        choices=[(30, "30 days"), (60, "60 days"), (90, "90 days"), (365, "1 year")],
        required=False,
        empty_value=None,
        label="Within",
    )

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        course = self.fields["course"]
        assert isinstance(course, forms.TypedChoiceField)
        course.choices = [("", "All courses"), *((c.pk, c.name) for c in courses)]


def expiry_words(expires_on: date | None) -> str:
    return f"Runs out on {long_date(expires_on)}" if expires_on else "Does not run out"
