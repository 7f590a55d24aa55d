"""The expert's choice of what to be paid for one meeting: the full payment, a smaller one,
expenses only, or no payment. Recorded by services.decisions.record_fee_choice."""

from decimal import Decimal
from typing import cast

from django import forms

from coproduce.core.formats import money
from coproduce.core.forms import NHSFormMixin
from coproduce.payments.choices import FeeChoice
from coproduce.payments.forms.fields import PoundsField

CHOICE_LABELS = {
    FeeChoice.FULL: "Take the full payment",
    FeeChoice.REDUCED: "Take a smaller payment",
    FeeChoice.EXPENSES_ONLY: "Take expenses only. We pay back your travel and costs, "
    "but not your time.",
    FeeChoice.DECLINED: "No payment for this meeting",
}


class FeeChoiceForm(NHSFormMixin, forms.Form):
    choice = forms.ChoiceField(
        label="What do you want to be paid for this meeting?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to be paid for this meeting"},
    )
    reduced_amount = PoundsField(
        label="If you want a smaller payment: how much? (in pounds)",
        required=False,
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "data-width": "5", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": "Enter the amount as a number, like 20.00",
            "max_decimal_places": "Enter the amount with no more than 2 numbers after the point",
            "max_digits": "Enter an amount less than the full payment",
            "max_whole_digits": "Enter an amount less than the full payment",
        },
    )

    def __init__(self, *args, fee: Decimal, room: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fee = fee
        labels = dict(CHOICE_LABELS)
        labels[FeeChoice.FULL] = f"Take the full payment of {money(fee)}"
        choice = cast(forms.ChoiceField, self.fields["choice"])
        choice.choices = [(c.value, labels[c]) for c in FeeChoice]
        hint = f"For example, 20.00. It must be less than {money(fee)}."
        if room is not None and 0 < room < fee:
            hint += f" To stay inside your limit, take {money(room)} or less."
        self.fields["reduced_amount"].help_text = hint

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") != FeeChoice.REDUCED:
            cleaned["reduced_amount"] = None
            # A number typed in but not wanted is not an error: it is simply not used.
            self.errors.pop("reduced_amount", None)
            return cleaned
        if "reduced_amount" in self.errors:
            return cleaned
        amount = cleaned.get("reduced_amount")
        if amount is None:
            self.add_error("reduced_amount", "Enter how much you want to be paid")
        elif amount <= 0:
            self.add_error("reduced_amount", "The amount must be more than £0")
        elif amount >= self.fee:
            self.add_error(
                "reduced_amount",
                f"The amount must be less than the full payment of {money(self.fee)}",
            )
        return cleaned
