"""Setting a team's budget for a financial year, and choosing the team the budgets page shows."""

from decimal import Decimal

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.payments.forms.policy import MoneyField
from coproduce.payments.models import Budget

# A team's yearly involvement budget in the tens of millions is a slip of the keyboard.
ABSURD_BUDGET = Decimal("10000000")


class BudgetForm(NHSFormMixin, forms.Form):
    subjects = {"amount": "the budget for the year"}

    amount = MoneyField(
        what="the budget",
        most=ABSURD_BUDGET,
        example="12000.00",
        required=True,
        label="Budget for the year, in pounds",
        help_text="For example, 12000.00",
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "data-width": "10", "spellcheck": "false"}
        ),
    )
    cost_centre = forms.CharField(
        label="Cost centre (optional)",
        help_text="The finance code spending is charged to",
        max_length=30,
        required=False,
        error_messages={"max_length": "Enter a cost centre of 30 characters or fewer"},
        widget=forms.TextInput(attrs={"data-width": "10", "spellcheck": "false"}),
    )

    @staticmethod
    def initial_from(budget: Budget | None) -> dict:
        if budget is None:
            return {}
        return {"amount": budget.amount, "cost_centre": budget.cost_centre}


class TeamChoiceForm(NHSFormMixin, forms.Form):
    """Which team's figures to show: all of them, or one."""

    team = forms.TypedChoiceField(
        label="Team", required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, data=None, *, teams, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["team"].choices = [("", "All teams")] + [(team.pk, str(team)) for team in teams]
