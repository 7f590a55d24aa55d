"""The returning officer's election and decisions, a member's nomination, the voter's code and
ballot, a paper ballot, and the scrutineer's recount upload. Every message is written for the
person; what they typed is kept on an error."""

import re
from collections import Counter
from datetime import date

from django import forms

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.membership.elections import codes, counting
from coproduce.membership.elections.choices import Method
from coproduce.membership.elections.models import STATEMENT_WORDS, Election, Nomination
from coproduce.membership.elections.services import OFFICER, TIMETABLE
from coproduce.people.validation import clean_phone

# Each date of the timetable, as the form asks it and as its messages name it.
DATES = {
    "notice_published": ("Notice of election published", "the day the notice is published"),
    "nominations_open": ("Nominations open", "the day nominations open"),
    "nominations_close": ("Nominations close", "the last day for nominations"),
    "withdrawals_close": ("Withdrawals close", "the last day to withdraw"),
    "poll_opens": ("Poll opens", "the day the poll opens"),
    "poll_closes": ("Poll closes", "the last day of the poll"),
    "declaration": ("Result declared", "the day the result is declared"),
}
# Each pair that must be in order, and what to say when it is not.
ORDER = [
    (
        "notice_published",
        "nominations_open",
        False,
        "Nominations cannot open before the notice is published",
    ),
    (
        "nominations_open",
        "nominations_close",
        False,
        "Nominations must close on or after the day they open",
    ),
    (
        "nominations_close",
        "withdrawals_close",
        False,
        "Withdrawals must close on or after the last day for nominations",
    ),
    ("withdrawals_close", "poll_opens", True, "The poll must open after withdrawals close"),
    ("poll_opens", "poll_closes", False, "The poll must close on or after the day it opens"),
    ("poll_closes", "declaration", False, "The result cannot be declared before the poll closes"),
]


OFFICER_HINT = (
    "Shown on the notice and on the voting pages, so voters know who to ask about their code"
)


class OfficerContactFields(forms.Form):
    """The returning officer's contact, as the notice gives it: part of the election's form,
    and the whole of the form that changes it after the notice is published."""

    officer_name = forms.CharField(
        label="Returning officer (optional)",
        max_length=200,
        required=False,
        help_text="A person or an independent election services company. " + OFFICER_HINT,
    )
    officer_email = forms.EmailField(
        label="Returning officer’s email address (optional)",
        max_length=254,
        required=False,
        help_text=OFFICER_HINT,
        widget=forms.EmailInput(attrs={"spellcheck": False}),
    )
    officer_phone = forms.CharField(
        label="Returning officer’s phone number (optional)",
        max_length=40,
        required=False,
        help_text=OFFICER_HINT,
        widget=forms.TextInput(attrs={"type": "tel", "data-width": "20"}),
    )
    subjects = {
        "officer_name": "the returning officer’s name",
        "officer_email": "the returning officer’s email address",
        "officer_phone": "the returning officer’s phone number",
    }

    def clean_officer_name(self) -> str:
        return " ".join(self.cleaned_data.get("officer_name", "").split())

    def clean_officer_phone(self) -> str:
        """Kept as typed (spaced the way the officer writes it), once it is a phone number."""
        text = " ".join(self.cleaned_data.get("officer_phone", "").split())
        if text:
            try:
                clean_phone(text)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Enter the returning officer’s phone number, like 01632 960 001"
                ) from None
        return text


class ElectionForm(NHSFormMixin, OfficerContactFields):
    title = forms.CharField(
        label="Name of the election",
        max_length=200,
        help_text="For example, Public governors for Leeds North, 2027",
    )
    constituency = forms.TypedChoiceField(label="Constituency", coerce=int)
    seats = forms.IntegerField(label="Seats to fill", min_value=1, max_value=50)
    method = forms.ChoiceField(
        label="Voting system", choices=Method.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, constituencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.constituencies = {c.pk: c for c in constituencies}
        self.fields["constituency"].choices = [("", "Choose a constituency")] + [
            (c.pk, c.name) for c in constituencies
        ]
        for name, (label, subject) in DATES.items():
            self.fields[name] = DateInputField(
                label=label, subject=label, required_message=f"Enter {subject}"
            )
        # The officer's contact comes after the timetable, as on the notice.
        for name in OFFICER:
            self.fields[name] = self.fields.pop(name)

    def clean(self):
        data = super().clean()
        for earlier, later, strictly, message in ORDER:
            first, then = data.get(earlier), data.get(later)
            if isinstance(first, date) and isinstance(then, date):
                if then < first or (strictly and then == first):
                    self.add_error(later, message)
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["constituency"] = self.constituencies[data["constituency"]]
        return {
            name: data[name]
            for name in ["title", "constituency", "seats", "method", *TIMETABLE, *OFFICER]
        }

    @classmethod
    def initial_for(cls, election: Election) -> dict:
        return {
            "title": election.title,
            "constituency": election.constituency_id,
            "seats": election.seats,
            "method": election.method,
            **{name: getattr(election, name) for name in TIMETABLE},
            **{name: getattr(election, name) for name in OFFICER},
        }


class OfficerContactForm(NHSFormMixin, OfficerContactFields):
    """Only the returning officer's contact, changed after the notice is published (a new
    phone number, or one forgotten): the rest of the election is what members were told."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in OFFICER}

    @classmethod
    def initial_for(cls, election: Election) -> dict:
        return {name: getattr(election, name) for name in OFFICER}


class RejectForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is the nomination rejected?",
        help_text="The candidate is told this. For example, they are not a member of this constituency.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    subjects = {"reason": "the reason the nomination is rejected"}


class VoterSearchForm(NHSFormMixin, forms.Form):
    """Finding a voter who lost their code on the election's list of voters."""

    q = forms.CharField(
        label="Name or membership number",
        help_text="Part of the name is enough, for example ‘Patel’",
        max_length=100,
    )
    subjects = {"q": "the voter’s name or membership number"}

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if len(text) < 2 and not text.isdigit():
            raise forms.ValidationError(
                "Enter at least 2 letters of the voter’s name, or their membership number"
            )
        return text


class NominateForm(NHSFormMixin, forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=200, help_text="As it is on your membership record"
    )
    email = forms.EmailField(
        label="Email address", help_text="The one the trust has for you as a member"
    )
    statement = forms.CharField(
        label="Your election statement",
        help_text=f"Up to {STATEMENT_WORDS} words. Voters read it beside your name.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    interests = forms.CharField(
        label="Your interests (optional)",
        help_text="Anything that could be seen to affect what you do as a governor: paid work "
        "for the trust or a supplier, a close relative on its staff, and so on. Leave it empty "
        "if there is nothing.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    eligible = forms.BooleanField(
        label="I declare that I am a member of this constituency, that I am eligible to be a "
        "governor under the trust's constitution, and that what I have written is true",
        error_messages={"required": "Tick the box to declare that you are eligible to stand"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        born = DateInputField(
            label="Date of birth",
            subject="Date of birth",
            required_message="Enter your date of birth",
            help_text="For example, 27 3 1980",
        )
        fields = dict(self.fields)
        self.fields = {}
        for name, field in fields.items():
            self.fields[name] = field
            if name == "email":
                self.fields["date_of_birth"] = born

    def clean_statement(self) -> str:
        statement = self.cleaned_data["statement"].strip()
        words = len(statement.split())
        if words > STATEMENT_WORDS:
            raise forms.ValidationError(
                f"Your statement has {words} words. Make it {STATEMENT_WORDS} words or fewer"
            )
        return statement


class CodeForm(NHSFormMixin, forms.Form):
    code = forms.CharField(
        label="Your code to vote",
        help_text="It is in your email or letter: 12 letters and numbers, like 7KQM-3XRT-AC9D",
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    subjects = {"code": "your code to vote"}

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not codes.looks_like_a_code(code):
            raise forms.ValidationError(
                "Enter your code as it is in your email or letter: 12 letters and numbers"
            )
        return codes.normalise(code)


def _list(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class BallotForm(NHSFormMixin, forms.Form):
    """The ballot: tick up to `seats` candidates (first past the post), or number them 1, 2,
    3... (single transferable vote). `preferences()` gives the nominations, first choice first.

    Online, a ballot with a repeated or skipped number is sent back to be corrected (it would
    count only as far as the mistake); on paper (`paper=True`) it is taken as the rules read it,
    and a void paper is kept as rejected, with the reason."""

    def __init__(
        self, *args, election: Election, candidates: list[Nomination], paper=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.election = election
        self.candidates = candidates
        self.paper = paper
        self.rejection = ""
        if election.method == Method.FPTP:
            self.fields["chosen"] = forms.TypedMultipleChoiceField(
                label=f"Choose up to {election.seats} candidates"
                if election.seats > 1
                else "Choose one candidate",
                coerce=int,
                required=not paper,
                choices=[(n.pk, n.member.full_name) for n in candidates],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": "Choose a candidate to vote for"},
            )
        else:
            for nomination in candidates:
                self.fields[f"c{nomination.pk}"] = forms.IntegerField(
                    label=nomination.member.full_name,
                    required=False,
                    min_value=1,
                    max_value=99,
                    widget=forms.NumberInput(
                        attrs={"class": "nhsuk-input--width-2", "inputmode": "numeric"}
                    ),
                )
            self.subjects = {f"c{n.pk}": f"the number for {n.member.full_name}" for n in candidates}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if self.election.method == Method.FPTP:
            chosen = data.get("chosen") or []
            if not chosen:
                self.rejection = counting.Rejection.UNMARKED.value
            elif len(chosen) > self.election.seats:
                if self.paper:
                    self.rejection = f"More than {self.election.seats} candidates are marked."
                else:
                    self.add_error(
                        "chosen",
                        f"You chose {len(chosen)} candidates. Choose no more than {self.election.seats}",
                    )
            self._preferences = tuple(sorted(chosen))
            return data
        marks = {
            n.pk: data[f"c{n.pk}"] for n in self.candidates if data.get(f"c{n.pk}") is not None
        }
        read = counting.read_paper(marks, [n.pk for n in self.candidates])
        if self.paper:
            if isinstance(read, counting.Rejection):
                self.rejection = read.value
                self._preferences = ()
            else:
                self._preferences = tuple(int(str(c)) for c in read)
            return data
        first_field = f"c{self.candidates[0].pk}" if self.candidates else None
        if not marks:
            self.add_error(first_field, "Put the number 1 beside the candidate you like most")
            return data
        figures = Counter(marks.values())
        repeated = sorted(f for f, times in figures.items() if times > 1)
        if repeated:
            figure = repeated[0]
            times = figures[figure]
            field = next(f"c{c}" for c, m in marks.items() if m == figure)
            self.add_error(
                field,
                f"You gave {_count_words(times)} candidates the number {figure}. "
                "Give each number to one candidate only",
            )
            return data
        wanted = list(range(1, len(marks) + 1))
        missing = [n for n in wanted if n not in figures]
        if missing:
            given = sorted(figures)
            field = next(f"c{c}" for c, m in marks.items() if m == max(given))
            self.add_error(
                field,
                f"You numbered candidates {_list(given)}: there is no {missing[0]}. "
                "Number your choices 1, 2, 3 and so on, without a gap",
            )
            return data
        assert not isinstance(read, counting.Rejection)
        self._preferences = tuple(int(str(c)) for c in read)
        return data

    def preferences(self) -> tuple[int, ...]:
        return getattr(self, "_preferences", ())


def _count_words(number: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(number, str(number))


def candidates_marks(form: BallotForm) -> list[tuple[Nomination, int | None]]:
    """The ballot as the voter filled it, for the page that asks them to check it."""
    order = {pk: i + 1 for i, pk in enumerate(form.preferences())}
    return [(n, order.get(n.pk)) for n in form.candidates]


class RecountForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="A ballots file (optional)",
        help_text="The CSV file downloaded from this page. Leave it empty to count the stored ballots.",
        required=False,
    )


PREFERENCE = re.compile(r"^\s*(\d{1,3}|x|X)?\s*$")
