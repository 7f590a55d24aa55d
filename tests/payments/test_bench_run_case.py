"""The benchmark's payment run case approves what it needs, then pays and exports it."""

from decimal import Decimal

import pytest

from coproduce.bench.run_case import time_payment_run
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim, PaymentRun
from tests.factories import ExpertFactory, UserFactory
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db


def test_the_case_pays_exactly_the_claims_asked_for():
    make_policy(hourly=Decimal("10.00"))
    for _ in range(4):
        attend(accepted_place(expert=ExpertFactory(payee_reference="P1")))
    seconds = time_payment_run(UserFactory(role="finance"), claims=3)
    assert seconds > 0
    run = PaymentRun.objects.get()
    assert run.claim_count == 3
    assert Claim.objects.filter(status=ClaimStatus.PAID).count() == 3
