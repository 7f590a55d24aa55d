"""The expense form: up to five expense rows for one session, used by the expert in their portal
and by the involvement team claiming on an expert's behalf.

How to use it (a view)::

    from coproduce.payments.forms.expenses import ExpenseForm
    from coproduce.payments.services.expenses import ClaimError, claim_expenses

    form = ExpenseForm(request.POST or None, request.FILES or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_expenses(
                actor=request.user, invitation=invitation, items=form.items(), on_behalf=False
            )
        except ClaimError as error:
            form.add_claim_error(error)  # each message beside its field, typed values kept
        else:
            messages.success(request, ...)
            return redirect(...)
    # render with status 400 when form.errors

And in the template (the page's own <form> must have enctype="multipart/form-data"; the
layout draws the error summary from `form`)::

    <form method="post" enctype="multipart/form-data" novalidate>
      {{ csrf_input }}
      {% include "payments/_expense_rows.jinja" %}
      {{ button({"text": "Send the claim"}) }}
    </form>

The partial needs `form` in the context. Pass `for_expert=False` for words addressed to staff
("what the expert paid") rather than to the expert ("what you paid"). `form.policy` is the
policy in force on the session's date (None when there is none: say so on the page), and
`form.rules_in_words()` lists what can be claimed (the partial shows it).

Fields are named `expense_<n>_<field>` (n from 1 to ROWS), and each ExpenseItem carries the
prefix `expense_<n>_`, so the service's ClaimError.errors keys are the form's field names.
Rows left empty are ignored. Receipts are checked with payments.receipt_files.clean_receipt
while the form validates: what is kept is a re-encoded photo or a rewritten PDF, never the file
as sent, and a bad file gets its message beside the file field before the service runs. A browser cannot re-fill a file input: when the page comes back with errors,
the file field's hint asks for the receipt again.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.core.formats import money
from coproduce.core.forms import NHSFormMixin
from coproduce.payments.choices import ExpenseCategory
from coproduce.payments.forms.fields import PoundsField
from coproduce.payments.queries.fees import expense_rules, policy_on
from coproduce.payments.receipt_files import clean_receipt
from coproduce.payments.services.expenses import (
    AGREED_BY_LENGTH,
    AGREED_BY_TOO_LONG,
    DESCRIPTION_LENGTH,
    DESCRIPTION_TOO_LONG,
    ClaimError,
    ExpenseItem,
    expense_problems,
)

ROWS = 5
FIELDS = ("category", "amount", "miles", "agreed_by", "description", "receipt")
# Far beyond any real expense: typed digits past this are a slip, and would overflow the
# arithmetic. The service gives the policy's own limits for anything smaller.
ABSURD_AMOUNT = Decimal("100000")
ABSURD_MILES = Decimal("100000")
ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
TOO_BIG = {
    "amount": f"The amount must be less than {money(ABSURD_AMOUNT).removesuffix('.00')}",
    "miles": f"The miles must be fewer than {ABSURD_MILES:,}",
}
# For the messages each row's fields give: "Choose a file for the receipt".
SUBJECTS = {
    "category": "the kind of expense",
    "agreed_by": "who agreed the taxi",
    "description": "the description",
    "receipt": "the receipt",
}


def _amount_field(label: str, too_big: str, what: str, example: str) -> PoundsField:
    return PoundsField(
        label=label,
        required=False,
        decimal_places=2,
        max_digits=12,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "data-width": "5", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": f"Enter {what} as a number, like {example}",
            "max_decimal_places": f"Enter {what} with no more than 2 numbers after the decimal "
            "point",
            "max_digits": too_big,
            "max_whole_digits": too_big,
        },
    )


class ExpenseRow:
    """One row's fields, for the template."""

    def __init__(self, form: "ExpenseForm", number: int):
        self.number = number
        self.prefix = f"expense_{number}_"
        for name in FIELDS:
            setattr(self, name, form[f"{self.prefix}{name}"])

    @property
    def has_errors(self) -> bool:
        return any(getattr(self, name).errors for name in FIELDS)

    @property
    def is_open(self) -> bool:
        """The first row, and any row with something typed in or a problem, is shown open."""
        if self.number == 1 or self.has_errors:
            return True
        typed = [getattr(self, name).value() for name in FIELDS if name != "receipt"]
        return any(str(value).strip() for value in typed if value is not None)


class ExpenseForm(NHSFormMixin, forms.Form):
    """Up to ROWS expenses for one invitation's session. `items()` gives the ExpenseItems for
    claim_expenses; `add_claim_error()` puts a ClaimError's messages beside their fields."""

    def __init__(
        self,
        *args,
        invitation,
        for_expert: bool = True,
        rows: int = ROWS,
        correcting=None,
        **kwargs,
    ):
        # Correcting a claim sent back: its expenses fill the rows, and each row keeps the
        # receipt already added unless a new one is chosen.
        self.kept: dict[str, tuple[str, str]] = {}
        if correcting is not None:
            initial = kwargs.setdefault("initial", {})
            for n, line in enumerate(list(correcting.lines.all())[:rows], start=1):
                p = f"expense_{n}_"
                initial.update(
                    {
                        f"{p}category": line.category,
                        f"{p}amount": None if line.category == "mileage" else line.amount,
                        f"{p}miles": line.quantity if line.category == "mileage" else None,
                        f"{p}agreed_by": line.agreed_by,
                        f"{p}description": line.description,
                    }
                )
                if line.receipt:
                    self.kept[p] = (line.receipt.name, line.receipt_name)
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.you = for_expert
        self.row_count = rows
        day = timezone.localdate(invitation.session.starts_at)
        self.policy = policy_on(day)
        self.rules = expense_rules(self.policy)
        choices = [("", "Choose the kind of expense")] + [
            (c.value, c.label) for c in ExpenseCategory if c.value in self.rules
        ]
        paid = "you paid" if for_expert else "the expert paid"
        for n in range(1, rows + 1):
            p = f"expense_{n}_"
            self.fields[f"{p}category"] = forms.ChoiceField(
                label="Kind of expense", choices=choices, required=False
            )
            self.fields[f"{p}amount"] = _amount_field(
                "Amount in pounds", TOO_BIG["amount"], "the amount", "12.50"
            )
            self.fields[
                f"{p}amount"
            ].help_text = f"What {paid}, for example 12.50. Not needed for mileage."
            self.fields[f"{p}miles"] = _amount_field(
                "Miles (for mileage only)", TOO_BIG["miles"], "the miles", "14 or 14.5"
            )
            self.fields[f"{p}miles"].help_text = "There and back, in total"
            self.fields[f"{p}agreed_by"] = forms.CharField(
                label="Who agreed the taxi beforehand (for a taxi only)",
                required=False,
                max_length=AGREED_BY_LENGTH,
                error_messages={"max_length": AGREED_BY_TOO_LONG},
            )
            self.fields[f"{p}description"] = forms.CharField(
                label="Short description (optional)",
                help_text="For example, bus from Fenwick to the hospital and back",
                required=False,
                max_length=DESCRIPTION_LENGTH,
                error_messages={"max_length": DESCRIPTION_TOO_LONG},
            )
            self.fields[f"{p}receipt"] = forms.FileField(
                label="Receipt (optional unless the policy needs one)",
                help_text=f"A photo (JPEG or PNG) or a PDF, smaller than {_megabytes()} MB",
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
        for p, (_, original) in self.kept.items():
            shown = f" ({original})" if original else ""
            self.fields[
                f"{p}receipt"
            ].help_text = (
                f"The receipt already added{shown} is kept. Choose a file only to replace it."
            )
        self.subjects = {
            f"expense_{n}_{name}": subject
            for n in range(1, rows + 1)
            for name, subject in SUBJECTS.items()
        }
        # Kept after cleaning: the receipt to save and its original name, per row.
        self._receipts: dict[str, tuple] = {}
        self._asked_again = False

    # -- for the template --------------------------------------------------------------------

    def rows(self) -> list[ExpenseRow]:
        return [ExpenseRow(self, n) for n in range(1, self.row_count + 1)]

    def rules_in_words(self) -> list[str]:
        """What the policy allows, one line per kind of expense."""
        lines = []
        for category in ExpenseCategory:
            rule = self.rules.get(category.value)
            if rule is None:
                continue
            parts = [category.label]
            if rule.limit is not None:
                if category == ExpenseCategory.MILEAGE:
                    rate = money(self.policy.mileage_rate) if self.policy else ""
                    parts.append(f"up to {rule.limit.normalize():f} miles at {rate} a mile")
                else:
                    parts.append(f"up to {money(rule.limit)}")
            elif category == ExpenseCategory.MILEAGE and self.policy:
                parts.append(f"{money(self.policy.mileage_rate)} a mile")
            if rule.receipt_over is not None:
                parts.append(
                    "receipt needed"
                    if rule.receipt_over == 0
                    else f"receipt needed over {money(rule.receipt_over)}"
                )
            if rule.needs_agreement:
                parts.append("must be agreed beforehand")
            lines.append(
                ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]
            )
        return lines

    # -- validation --------------------------------------------------------------------------

    def _row_is_empty(self, p: str) -> bool:
        data = self.cleaned_data
        return not any(
            [
                data.get(f"{p}category"),
                data.get(f"{p}amount") is not None,
                data.get(f"{p}miles") is not None,
                (data.get(f"{p}agreed_by") or "").strip(),
                (data.get(f"{p}description") or "").strip(),
                data.get(f"{p}receipt"),
            ]
        ) and not any(f"{p}{name}" in self.errors for name in FIELDS)

    def clean(self):
        cleaned = super().clean()
        used = 0
        for n in range(1, self.row_count + 1):
            p = f"expense_{n}_"
            if self._row_is_empty(p):
                continue
            used += 1
            if not cleaned.get(f"{p}category") and f"{p}category" not in self.errors:
                self.add_error(f"{p}category", "Choose the kind of expense")
            for name, most in (("amount", ABSURD_AMOUNT), ("miles", ABSURD_MILES)):
                value = cleaned.get(f"{p}{name}")
                if value is not None and abs(value) >= most and f"{p}{name}" not in self.errors:
                    self.add_error(f"{p}{name}", TOO_BIG[name])
            upload = cleaned.get(f"{p}receipt")
            if upload and f"{p}receipt" not in self.errors:
                try:
                    self._receipts[p] = (clean_receipt(upload), upload.name or "")
                except ValidationError as error:
                    self.add_error(f"{p}receipt", error)
        if used == 0 and not self.errors:
            self.add_error("expense_1_category", "Add at least one expense: choose its kind")
        if self.errors and self.policy is not None:
            # The policy's checks run on the other rows too, so that every bad row has its
            # message now rather than one after another, a send at a time.
            for key, message in expense_problems(self._rows_without_errors(), self.policy).items():
                if key in self.fields and key not in self.errors:
                    self.add_error(key, message)
        if self.errors:
            self._ask_for_receipts_again()
        return cleaned

    def _rows_without_errors(self) -> list[ExpenseItem]:
        return [
            item
            for item in self.items()
            if item.category and not any(f"{item.prefix}{name}" in self.errors for name in FIELDS)
        ]

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            self._name_the_rows()

    def _rows_used(self) -> int:
        return sum(
            1 for n in range(1, self.row_count + 1) if not self._row_is_empty(f"expense_{n}_")
        )

    def _name_the_rows(self) -> None:
        """With more than one expense, each message says which one it is about ("Expense 2:
        Enter the amount you paid"): in the error summary it is read away from its row."""
        if self._rows_used() < 2:
            return
        for key, errors in self.errors.items():
            if not key.startswith("expense_"):
                continue
            label = f"Expense {key.split('_')[1]}: "
            for i, error in enumerate(errors.as_data()):
                text = error.messages[0]
                if not text.startswith(label):
                    errors[i] = ValidationError(label + text, code=error.code)

    def _ask_for_receipts_again(self) -> None:
        # A browser cannot fill a file input in again, so say so where a file was chosen.
        if self._asked_again:
            return
        self._asked_again = True
        for n in range(1, self.row_count + 1):
            name = f"expense_{n}_receipt"
            if self.files and self.files.get(self.add_prefix(name)):
                again = (
                    "Choose the receipt again: files are not kept when there is a problem. "
                    + str(self.fields[name].help_text)
                )
                self.fields[name].help_text = again
                # The bound field keeps its own copy once it has been drawn or cleaned.
                self[name].help_text = again

    # -- to and from the service -------------------------------------------------------------

    def items(self) -> list[ExpenseItem]:
        """The expenses typed in, for claim_expenses. Call after is_valid()."""
        items = []
        for n in range(1, self.row_count + 1):
            p = f"expense_{n}_"
            if self._row_is_empty(p):
                continue
            data = self.cleaned_data
            category = data.get(f"{p}category") or ""
            receipt, receipt_name = self._receipts.get(p, (None, ""))
            items.append(
                ExpenseItem(
                    category=category,
                    # Mileage is paid by the mile: an amount typed as well is not used.
                    amount=None if category == ExpenseCategory.MILEAGE else data.get(f"{p}amount"),
                    miles=data.get(f"{p}miles") if category == ExpenseCategory.MILEAGE else None,
                    description=(data.get(f"{p}description") or "").strip(),
                    agreed_by=(data.get(f"{p}agreed_by") or "").strip(),
                    receipt=receipt,
                    receipt_name=receipt_name
                    or ("" if receipt is not None else self.kept.get(p, ("", ""))[1]),
                    kept_receipt="" if receipt is not None else self.kept.get(p, ("", ""))[0],
                    prefix=p,
                )
            )
        return items

    def add_claim_error(self, error: ClaimError) -> None:
        """Shows the service's messages beside their fields; a message about the whole claim
        goes at the top of the error summary."""
        for key, message in error.errors.items():
            self.add_error(key if key and key in self.fields else None, message)
        self._name_the_rows()
        self._ask_for_receipts_again()


def _megabytes() -> int:
    return settings.RECEIPT_MAX_BYTES // (1024 * 1024)
