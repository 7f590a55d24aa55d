"""Every form in the project, fed what people (and mistyped or crafted posts) send — empty
answers, text too long, numbers too big, too small or with too many digits, choices that do not
exist — says what to do in its own words: never one of Django's default messages ("Ensure this
value is greater than or equal to 0."), never a message made from a question label ("Answer the
question: What is the work called?"), and never two messages for one field."""

import importlib
import pkgutil
import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from allauth.core import context
from django import forms
from django.core import validators
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

import coproduce
from coproduce.core.dates import DateInputField
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
)
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db

# Modules that hold forms: the forms modules, and the few views and filters with a form of
# their own.
FORM_MODULES = re.compile(r"^coproduce\.[a-z_]+(\.[a-z_]+)*\.(forms(\..+)?|views(\..+)?|filters)$")


def project_forms() -> set[type]:
    for module in pkgutil.walk_packages(coproduce.__path__, "coproduce."):
        if FORM_MODULES.match(module.name):
            importlib.import_module(module.name)
    found: set[type] = set()
    todo = [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("coproduce."):
                found.add(sub)
    return found


def _request():
    from django.contrib.sessions.backends.cache import SessionStore

    request = RequestFactory().post("/")
    request.session = SessionStore()
    request.user = UserFactory()
    return request


def _expense_kwargs():
    if "expense" not in MADE:
        make_policy()
        MADE["expense"] = attend(accepted_place())
    return {"invitation": MADE["expense"]}


def _attendance_kwargs():
    session = SessionFactory()
    invitations = [InvitationFactory(session=session, status="accepted") for _ in range(2)]
    return {"session": session, "invitations": invitations}


def _columns_kwargs():
    from coproduce.people.models import ImportBatch

    batch = ImportBatch(headers=["Name", "Email"], mapping=["full_name", ""])
    return {"batch": batch, "samples": [["Ann"], ["ann@example.com"]]}


def _import_run_kwargs():
    duplicate = SimpleNamespace(row=2, name="Ann", default_choice="leave_out")
    return {"duplicates": [duplicate], "saved": {}}


def _user_kwargs():
    return {"user": UserFactory()}


def _permit_kwargs():
    from tests.factories import VenueFactory
    from tests.parking.helpers import vehicle

    return {"vehicles": [vehicle()], "venues": [VenueFactory()]}


MADE: dict = {}  # made once for a test, reused by each post


def _population_kwargs():
    from coproduce.impact.equality.categories import RELIGION

    return {"characteristic": RELIGION}


def _ballot_kwargs():
    from coproduce.membership.elections.results import candidates
    from tests.membership.elections import helpers_elections as elections

    if "ballot" not in MADE:
        election = elections.election(method="stv")
        elections.candidate(election, "Ann Able")
        elections.candidate(election, "Ben Baker")
        MADE["ballot"] = {"election": election, "candidates": candidates(election)}
    return MADE["ballot"]


# How to make each form, as its view does. A form missing here fails the test below: add it.
BUILD = {
    "AttendanceForm": _attendance_kwargs,
    "ExpenseForm": _expense_kwargs,
    "FeeChoiceForm": lambda: {"fee": Decimal("30.00")},
    # Foundation Trust members: an expert joining from their portal, with no address held.
    "ExpertJoinForm": lambda: {"expert": ExpertFactory(address="", postcode="")},
    # Governor elections: a single transferable vote ballot of two candidates.
    "BallotForm": _ballot_kwargs,
    "StaffFeeChoiceForm": lambda: {"fee": Decimal("30.00")},
    "OwnProfileForm": lambda: {"expert": ExpertFactory()},
    "TeamChoiceForm": lambda: {"teams": []},
    "PrintChosenForm": lambda: {"badge_ids": [1, 2]},
    "PermitForm": _permit_kwargs,
    "ChosenExpertsForm": lambda: {"expert_ids": [1, 2]},
    "PackSettingsForm": lambda: {"sheets": []},
    "NamedStaffForm": lambda: {"opportunity": OpportunityFactory()},
    "PaperSignatureForm": lambda: {"choices": [(1, "Confidentiality agreement, version 1")]},
    "ColumnsForm": _columns_kwargs,
    "RunForm@coproduce.people.views.imports": _import_run_kwargs,
    "LoginForm": lambda: {"request": _request()},
    "ReauthenticateForm": _user_kwargs,
    "ChangePasswordForm": _user_kwargs,
    "SetPasswordForm": _user_kwargs,
    "ResetPasswordKeyForm": lambda: {"user": UserFactory(), "temp_key": "key"},
    "AuthenticateForm": _user_kwargs,
    "MFAReauthenticateForm": _user_kwargs,
    "ActivateTOTPForm": _user_kwargs,
    "ConfirmLoginCodeForm": lambda: {"code": "123456"},
    "DeactivateTOTPForm": lambda: {"authenticator": None},
    "GenerateRecoveryCodesForm": _user_kwargs,
    "PeriodForm@coproduce.impact.dashboard.forms": lambda: {"today": date(2026, 12, 3)},
    "StartForm": lambda: {"years": [2025, 2026]},
    "PopulationForm": _population_kwargs,
    "OwnForm@coproduce.comms.reminders.forms": lambda: {
        "kinds": ("session",),
        "labels": {"session": "Meetings coming up"},
        "hint": "Untick any you do not want.",
    },
}
# Parts of other forms, tried through the forms made from them.
PARTS = {
    "ExpertFormBase",
    "ContactFields",
    "ScheduleFields",
    "AllauthFormMixin",
    "NamedStaffMixin",
    "ConfidentialFields",
    "OfficerContactFields",
}


def _key(form_class: type) -> str:
    qualified = f"{form_class.__name__}@{form_class.__module__}"
    return qualified if qualified in BUILD else form_class.__name__


def _make(form_class: type, data=None, files=None) -> forms.BaseForm:
    kwargs = BUILD.get(_key(form_class), dict)()
    if data is None:
        return form_class(**kwargs)
    return form_class(data=data, files=files, **kwargs)


def probes(name: str, field: forms.Field) -> list[tuple[dict, dict | None]]:
    """Posts that make this field go wrong, each as (data, files)."""
    if isinstance(field, DateInputField):
        return [({f"{name}-day": "99", f"{name}-month": "x", f"{name}-year": "1"}, None)]
    if isinstance(field, forms.FileField):
        empty = SimpleUploadedFile("empty.png", b"", content_type="image/png")
        return [({}, {name: empty}), ({}, {name: "not a file"})]
    values: list = ["", "a\x00b"]
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return [({name: ["not-a-choice"]}, None), ({name: ["999999"]}, None), ({name: ""}, None)]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        values += ["not-a-choice", "999999"]
    if isinstance(field, forms.IntegerField):
        low = field.min_value if field.min_value is not None else 0
        high = field.max_value if field.max_value is not None else 10**6
        values += ["abc", str(low - 1), str(high + 1), "-1", "1.123456", "9" * 30, "1" * 12]
    if isinstance(field, forms.CharField):
        values += ["x" * ((field.max_length or 300) + 1), "@" * 300]
    return [({name: value}, None) for value in values]


def django_defaults(field: forms.Field, code: str) -> list:
    """Django's own messages for a code on this field: its classes' default_error_messages,
    its validators' messages, and those of Django's validator classes (some fields call one
    without listing it). Worked out here, apart from the code under test."""
    found = [
        klass.__dict__["default_error_messages"][code]
        for klass in type(field).__mro__
        if klass.__module__.startswith("django.")
        and code in klass.__dict__.get("default_error_messages", {})
    ]
    for thing in [*vars(validators).values(), *field.validators]:
        if getattr(thing, "code", None) == code and hasattr(thing, "message"):
            found.append(thing.message)
        by_code = getattr(thing, "messages", None)
        if isinstance(by_code, dict) and code in by_code:
            found.append(by_code[code])
    return found


def _rendered(error) -> str:
    message = str(error.message)
    return message % error.params if error.params else message


DJANGO_WORDS = re.compile(
    r"^(Ensure |This field is required|Enter a valid|Enter a number\.|Enter a whole number\.|"
    r"Select a valid choice\.|Null characters|Enter a list of values|No file was submitted|"
    r"The submitted file is empty|Please either submit|“.*” is not a valid value)"
)


def problems_in(form: forms.BaseForm) -> list[str]:
    found = []
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        if name != "__all__" and len(errors) > 1:
            found.append(f"{name}: {len(errors)} messages for one field")
        for error in errors:
            text = _rendered(error)
            defaults = []
            if field is not None and error.code:
                for message in django_defaults(field, error.code):
                    try:
                        defaults.append(message % error.params if error.params else str(message))
                    except (KeyError, TypeError, ValueError):
                        defaults.append(str(message))
            if text in defaults or DJANGO_WORDS.match(text):
                found.append(f"{name} ({error.code}): Django's own words: {text!r}")
            if text.startswith("Answer the question"):
                found.append(f"{name}: a message made from the question: {text!r}")
    return found


def test_every_form_in_the_project_is_known_to_this_test():
    names = {_key(c) for c in project_forms()} - PARTS
    # The forms with no arguments need no entry; the others must say how they are made.
    for form_class in project_forms():
        if _key(form_class) in PARTS or _key(form_class) in BUILD:
            continue
        _make(form_class)  # fails here if a form needs arguments BUILD does not give
    assert {"DetailsForm", "ExpenseForm", "ExpertForm", "PolicyForm", "BudgetForm"} <= names


def test_no_form_gives_djangos_own_messages_or_two_for_one_field():
    MADE.clear()
    # allauth's forms read the request they are used in.
    with context.request_context(_request()):
        problems = _problems_in_every_form()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _problems_in_every_form() -> list[str]:
    problems: dict[str, str] = {}
    for form_class in sorted(project_forms(), key=lambda c: (c.__module__, c.__name__)):
        if _key(form_class) in PARTS:
            continue
        template = _make(form_class)
        for name, field in template.fields.items():
            html_name = template.add_prefix(name)
            for data, files in probes(html_name, field):
                try:
                    form = _make(form_class, data, files if files is not None else {})
                    found = problems_in(form)
                except Exception as error:  # noqa: BLE001 - reported with the form and field
                    found = [f"{name}: cleaning raised {error!r}"]
                for problem in found:
                    # One example of each problem is enough to find it.
                    problems.setdefault(f"{form_class.__name__}: {problem}", repr(data or files))
    return [f"{problem} (sent {sent[:60]})" for problem, sent in sorted(problems.items())]


def test_an_amount_with_too_many_digits_or_below_zero_says_what_to_enter_in_pounds():
    from coproduce.people.forms import ExpertForm

    too_big = ExpertForm({"earnings_limit": "123456789"}).errors["earnings_limit"]
    negative = ExpertForm({"earnings_limit": "-1"}).errors["earnings_limit"]
    assert too_big == ["Earnings limit must be less than £1,000,000"]
    assert negative == ["Earnings limit must be £0 or more"]


def test_hours_too_big_are_refused_once_not_twice():
    from coproduce.opportunities.forms.attendance import AttendanceForm

    kwargs = _attendance_kwargs()
    invitation = kwargs["invitations"][0]
    form = AttendanceForm(
        {f"attendance_{invitation.pk}": "attended", f"hours_{invitation.pk}": "100000"}, **kwargs
    )
    name = invitation.expert.full_name
    assert form.errors[f"hours_{invitation.pk}"] == [f"Hours {name} gave must be 24 or fewer"]
