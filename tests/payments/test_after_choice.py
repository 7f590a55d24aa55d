"""What a place pays once the expert's choice is applied has one answer (fees.after_choice),
used by the payment attendance makes, the budgets and the benefits guard (issue 11, item 5)."""

from decimal import Decimal

import pytest

from coproduce.payments.choices import FeeChoice
from coproduce.payments.queries.fees import after_choice

FEE = Decimal("45.00")


@pytest.mark.parametrize(
    ("choice", "reduced", "pays"),
    [
        (None, None, FEE),
        (FeeChoice.FULL, None, FEE),
        (FeeChoice.REDUCED, Decimal("20"), Decimal("20.00")),
        (FeeChoice.REDUCED, Decimal("60.00"), FEE),  # never more than the fee
        (FeeChoice.EXPENSES_ONLY, None, Decimal("0")),
        (FeeChoice.DECLINED, None, Decimal("0")),
    ],
)
def test_the_experts_choice_decides_what_the_place_pays(choice, reduced, pays):
    assert after_choice(FEE, choice, reduced) == pays
