"""The form for new payment rates from a date: one page, no JavaScript, prefilled from the
policy in force, with a row for each type of involvement and each expense category.

Fields are named `rate_<kind>_amount` and `rate_<kind>_unit` for each type of involvement
(coproduce.opportunities.choices.Kind), and `expense_<category>_<field>` for each expense
category (claimable, limit, receipt, receipt_over, agreed). Every money field refuses
negatives, more than 2 decimal places and absurd amounts, beside the field, keeping what was
typed."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.formats import money
from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.choices import Kind
from coproduce.payments.choices import ExpenseCategory, RateUnit
from coproduce.payments.forms.fields import PoundsField
from coproduce.payments.models import Policy
from coproduce.payments.services.policy import ExpenseRuleInput, RateInput

# Far beyond any real rate or limit: typed digits past this are a slip.
ABSURD = Decimal("10000")
ABSURD_MILEAGE_RATE = Decimal("10")
ABSURD_MILES = Decimal("10000")
DEFAULT_MILEAGE_RATE = Decimal("0.45")
DEFAULT_DEADLINE_DAYS = 90

ALWAYS, OVER, NEVER = "always", "over", "never"
RECEIPT_CHOICES = [
    (ALWAYS, "Always"),
    (OVER, "Only over an amount"),
    (NEVER, "Never"),
]


class MoneyField(PoundsField):
    """An amount in pounds and pence. Takes "£12.50" and "1,200"; refuses a negative, more
    than two decimal places, or more than `most`, saying so in words that name `what`."""

    def __init__(
        self,
        *,
        what: str,
        most: Decimal = ABSURD,
        least: Decimal = Decimal("0"),
        pounds: bool = True,
        example: str = "25.00",
        **kwargs,
    ):
        unit = "in pounds and pence" if pounds else "as a number"
        most_words = money(most) if pounds else f"{most:,}"
        name = what[:1].upper() + what[1:]
        negative = f"{name} cannot be negative"
        messages = {
            "invalid": f"Enter {what} {unit}, like {example}",
            "negative": negative,
            "max_decimal_places": f"Enter {what} with no more than 2 numbers after the point, "
            f"like {example}",
            "max_digits": f"{name} must be {most_words} or less",
            "max_whole_digits": f"{name} must be {most_words} or less",
            "max_value": f"{name} must be {most_words} or less",
            "min_value": negative
            if least == 0
            else f"{name} must be more than {money(0)}: leave it empty instead",
        }
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "data-width": "5", "spellcheck": "false"}
            ),
        )
        super().__init__(
            max_value=most,
            min_value=least,
            decimal_places=2,
            error_messages=messages,
            **kwargs,
        )

    def to_python(self, value):
        number = super().to_python(value)
        if number is not None and number < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        return number


def _plain(hours: Decimal) -> str:
    """4.00 as "4" and 7.50 as "7.5" (never "1E+1" for 10)."""
    return f"{hours.normalize():f}"


def _rate_key(kind: str, part: str) -> str:
    return f"rate_{kind}_{part}"


def _expense_key(category: str, part: str) -> str:
    return f"expense_{category}_{part}"


class PolicyForm(NHSFormMixin, forms.Form):
    """New rates from a day. `current` (the policy in force) prefills the form."""

    subjects = {"mileage_rate": "the mileage rate"}

    effective_from = DateInputField(
        label="Date the new rates start",
        help_text="Meetings before this date keep the rates in force now. For example, 1 4 2027",
        required_message="Enter the date the new rates start",
        subject="The date the new rates start",
    )
    allows_agreed_rates = forms.TypedChoiceField(
        label="Can a piece of work be paid at a rate agreed for it?",
        choices=[
            ("no", "No, always pay the rate above for its type of involvement"),
            ("yes", "Yes, a request may agree its own hourly rate, which is then paid instead"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Types of involvement with no rate above are always paid the hourly rate "
        "agreed for the work",
        error_messages={"required": "Choose whether a piece of work can have its own rate"},
    )
    mileage_rate = MoneyField(
        what="the mileage rate",
        most=ABSURD_MILEAGE_RATE,
        example="0.45",
        required=True,
        label="Mileage rate, in pounds for each mile",
        help_text="For example, 0.45 for 45p a mile",
    )
    claim_deadline_days = forms.IntegerField(
        label="Days experts have to claim after a meeting",
        help_text="For example, 90",
        min_value=1,
        max_value=730,
        error_messages={
            "invalid": "Enter the days to claim as a whole number, like 90",
            "min_value": "Experts must have at least 1 day to claim",
            "max_value": "The days to claim must be 730 (two years) or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "3"}),
    )
    half_day_hours = forms.DecimalField(
        label="Hours in a half day",
        help_text="For rates paid by the half day: 3 hours is one half day, 5 hours is two",
        min_value=Decimal("0.5"),
        max_value=Decimal("12"),
        decimal_places=2,
        error_messages={
            "invalid": "Enter the hours in a half day as a number, like 4",
            "min_value": "A half day must be at least half an hour",
            "max_value": "A half day must be 12 hours or fewer",
            "max_decimal_places": "Enter the hours in a half day like 4 or 3.5",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-width": "3"}),
    )
    day_hours = forms.DecimalField(
        label="Hours in a day",
        help_text="For rates paid by the day",
        min_value=Decimal("1"),
        max_value=Decimal("24"),
        decimal_places=2,
        error_messages={
            "invalid": "Enter the hours in a day as a number, like 7.5",
            "min_value": "A day must be at least 1 hour",
            "max_value": "A day must be 24 hours or fewer",
            "max_decimal_places": "Enter the hours in a day like 7 or 7.5",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-width": "3"}),
    )
    summary = forms.CharField(
        label="What experts read about payments and expenses",
        help_text="Plain English, short sentences. Experts see this wherever they read about "
        "expenses, with the rates and limits below.",
        max_length=3000,
        error_messages={
            "required": "Enter what experts read about payments and expenses",
            "max_length": "Keep what experts read to 3,000 characters or fewer "
            "(it has %(show_value)d)",
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, data=None, *, current: Policy | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.current = current
        for kind in Kind:
            label = kind.label
            self.fields[_rate_key(kind, "amount")] = MoneyField(
                what=f"the rate for {label.lower()}",
                least=Decimal("0.01"),
                label="Amount in pounds",
                help_text="Leave empty if there is no set rate for this work",
            )
            self.fields[_rate_key(kind, "unit")] = forms.ChoiceField(
                label="How it is paid",
                choices=RateUnit.choices,
                initial=RateUnit.HOUR,
                error_messages={"required": f"Choose how the rate for {label.lower()} is paid"},
            )
        for category in ExpenseCategory:
            label = category.label
            short = label.split(" (")[0].lower()
            mileage = category == ExpenseCategory.MILEAGE
            self.fields[_expense_key(category, "claimable")] = forms.BooleanField(
                required=False, label="Experts can claim this"
            )
            self.fields[_expense_key(category, "limit")] = MoneyField(
                what=f"the most miles for {short}" if mileage else f"the limit for {short}",
                most=ABSURD_MILES if mileage else ABSURD,
                pounds=not mileage,
                example="200" if mileage else "20.00",
                label="Most miles in one claim" if mileage else "Most in one claim, in pounds",
                help_text="Leave empty for no limit",
            )
            self.fields[_expense_key(category, "receipt")] = forms.ChoiceField(
                label="Receipt needed",
                choices=RECEIPT_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[_expense_key(category, "receipt_over")] = MoneyField(
                what=f"the amount over which {short} needs a receipt",
                example="10.00",
                least=Decimal("0.01"),
                label="Receipt needed over this amount, in pounds",
                help_text="Only if a receipt is needed over an amount",
            )
            self.fields[_expense_key(category, "agreed")] = forms.BooleanField(
                required=False, label="Must be agreed with the involvement team beforehand"
            )
        if not self.is_bound:
            self.initial = {**self.initial_from(current), **self.initial}

    @staticmethod
    def initial_from(policy: Policy | None) -> dict:
        """The form's values from a policy: the one in force, or sensible starting values."""
        initial: dict = {
            "mileage_rate": policy.mileage_rate if policy else DEFAULT_MILEAGE_RATE,
            "claim_deadline_days": policy.claim_deadline_days if policy else DEFAULT_DEADLINE_DAYS,
            "half_day_hours": _plain(policy.half_day_hours if policy else Decimal("4")),
            "day_hours": _plain(policy.day_hours if policy else Decimal("7.5")),
            "allows_agreed_rates": "yes" if policy and policy.allows_agreed_rates else "no",
            "summary": policy.summary if policy else "",
        }
        rates = {r.kind: r for r in policy.rates.all()} if policy else {}
        rules = {r.category: r for r in policy.expense_rules.all()} if policy else {}
        for kind in Kind:
            rate = rates.get(kind)
            initial[_rate_key(kind, "amount")] = rate.amount if rate else None
            initial[_rate_key(kind, "unit")] = rate.unit if rate else RateUnit.HOUR
        for category in ExpenseCategory:
            rule = rules.get(category)
            if rule is None:
                claimable = policy is None
                receipt, receipt_over = ALWAYS, None
                agreed = policy is None and category == ExpenseCategory.TAXI
                limit = None
            else:
                claimable, limit, agreed = True, rule.limit, rule.needs_agreement
                if rule.receipt_over is None:
                    receipt, receipt_over = NEVER, None
                elif rule.receipt_over == 0:
                    receipt, receipt_over = ALWAYS, None
                else:
                    receipt, receipt_over = OVER, rule.receipt_over
            initial.update(
                {
                    _expense_key(category, "claimable"): claimable,
                    _expense_key(category, "limit"): limit,
                    _expense_key(category, "receipt"): receipt,
                    _expense_key(category, "receipt_over"): receipt_over,
                    _expense_key(category, "agreed"): agreed,
                }
            )
        return initial

    def clean_effective_from(self) -> date:
        day = self.cleaned_data["effective_from"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                "The date the new rates start must be today or in the future: claims for "
                "meetings already held keep the rates of their date"
            )
        if day == today and Policy.objects.filter(effective_from=today).exists():
            raise forms.ValidationError(
                "A policy already starts today. Choose tomorrow or a later date"
            )
        return day

    def clean(self):
        data = super().clean()
        for category in ExpenseCategory:
            if not data.get(_expense_key(category, "claimable")):
                continue  # nothing else in the row is used
            short = category.label.split(" (")[0].lower()
            receipt_key = _expense_key(category, "receipt")
            over_key = _expense_key(category, "receipt_over")
            receipt = data.get(receipt_key)
            if not receipt and receipt_key not in self.errors:
                self.add_error(receipt_key, f"Choose when {short} needs a receipt")
            elif receipt == OVER and data.get(over_key) is None and over_key not in self.errors:
                self.add_error(over_key, f"Enter the amount over which {short} needs a receipt")
        return data

    def replaces(self) -> Policy | None:
        """The policy not yet started that this one would replace, if any (a valid form)."""
        day = self.cleaned_data.get("effective_from")
        return Policy.objects.filter(effective_from=day).first() if day else None

    # What the page and the service need ---------------------------------------------------

    def rate_rows(self) -> list[dict]:
        return [
            {
                "kind": kind,
                "label": kind.label,
                "amount": self[_rate_key(kind, "amount")],
                "unit": self[_rate_key(kind, "unit")],
            }
            for kind in Kind
        ]

    def expense_rows(self) -> list[dict]:
        return [
            {
                "category": category,
                "label": category.label,
                **{
                    part: self[_expense_key(category, part)]
                    for part in ("claimable", "limit", "receipt", "receipt_over", "agreed")
                },
            }
            for category in ExpenseCategory
        ]

    def rates(self) -> list[RateInput]:
        data = self.cleaned_data
        return [
            RateInput(
                kind=kind,
                unit=data[_rate_key(kind, "unit")],
                amount=data[_rate_key(kind, "amount")],
            )
            for kind in Kind
            if data.get(_rate_key(kind, "amount")) is not None
        ]

    def expense_rules(self) -> list[ExpenseRuleInput]:
        data = self.cleaned_data
        rules = []
        for category in ExpenseCategory:
            if not data.get(_expense_key(category, "claimable")):
                continue
            receipt = data[_expense_key(category, "receipt")]
            receipt_over = {
                ALWAYS: Decimal("0"),
                OVER: data.get(_expense_key(category, "receipt_over")),
                NEVER: None,
            }[receipt]
            rules.append(
                ExpenseRuleInput(
                    category=category,
                    limit=data.get(_expense_key(category, "limit")),
                    receipt_over=receipt_over,
                    needs_agreement=bool(data.get(_expense_key(category, "agreed"))),
                )
            )
        return rules

    def values(self) -> dict:
        """Keyword arguments for services.policy.set_policy (all but the actor)."""
        data = self.cleaned_data
        return {
            "effective_from": data["effective_from"],
            "mileage_rate": data["mileage_rate"],
            "claim_deadline_days": data["claim_deadline_days"],
            "summary": data["summary"],
            "half_day_hours": data["half_day_hours"],
            "day_hours": data["day_hours"],
            "allows_agreed_rates": data["allows_agreed_rates"],
            "rates": self.rates(),
            "expense_rules": self.expense_rules(),
        }
