"""Two finance officers making payment runs at the same moment never pay a claim twice: each
approved claim ends in exactly one run, and the runs' totals add up to what was approved."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum

from coproduce.payments.models import Claim, PaymentRun
from coproduce.payments.services import runs as services
from tests.factories import UserFactory
from tests.payments.claim_helpers import approved_claim
from tests.payments.helpers import make_policy

CLAIMS = 12
OFFICERS = 2


@pytest.fixture
def slow_run(monkeypatch):
    """Holds each run's transaction open a little longer after it has taken its claims, so
    the other run's request arrives while the first still holds them."""
    real = services.record_change

    def recorded_slowly(**kwargs):
        time.sleep(0.2)
        return real(**kwargs)

    monkeypatch.setattr(services, "record_change", recorded_slowly)


@pytest.mark.django_db(transaction=True)
def test_two_payment_runs_at_the_same_moment_never_pay_a_claim_twice(slow_run):
    if connection.vendor != "postgresql":
        reason = (
            "The race needs two database connections writing at once; SQLite lets one write "
            "at a time (transactions begin IMMEDIATE), so two runs cannot overlap. Run the "
            "suite with DATABASE_URL set to PostgreSQL to test it."
        )
        print(reason)
        pytest.skip(reason)
    make_policy()
    # Fares under £10, which need no receipt.
    claims = [approved_claim(amount=f"{n % 9 + 1}.{n:02d}") for n in range(CLAIMS)]
    approved_total = sum((c.total for c in claims), Decimal("0.00"))
    officers = [UserFactory(role="finance") for _ in range(OFFICERS)]
    start = threading.Barrier(OFFICERS)
    made: list[PaymentRun] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def run(officer):
        try:
            start.wait()
            made.append(services.create_payment_run(actor=officer))
        except services.PaymentRunError as error:
            refused.append(str(error))  # the other run took them all: nothing to pay
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert made
    paid = Claim.objects.filter(pk__in=[c.pk for c in claims])
    assert not paid.filter(payment_run__isnull=True).exists()
    assert not paid.exclude(status="paid").exists()
    runs = PaymentRun.objects.all()
    assert sum(r.claim_count for r in runs) == CLAIMS
    assert sum((r.total for r in runs), Decimal("0.00")) == approved_total
    assert paid.aggregate(t=Sum("total"))["t"] == approved_total
    assert len(made) + len(refused) == OFFICERS
