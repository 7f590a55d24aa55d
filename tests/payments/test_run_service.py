"""create_payment_run pays approved claims once, records each payment in the expert's audit
trail, and holds back claims finance cannot pay (no payee reference)."""

from decimal import Decimal

import pytest

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim
from coproduce.payments.services.runs import PaymentRunError, create_payment_run
from tests.factories import ExpertFactory, UserFactory
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db


def approved_claim(payee="P1"):
    place = attend(accepted_place(expert=ExpertFactory(payee_reference=payee)), hours="2")
    claim = Claim.objects.get(invitation=place)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.APPROVED)
    return claim


def test_a_run_pays_approved_claims_once_and_audits_each():
    make_policy(hourly=Decimal("10.00"))
    finance = UserFactory(role="finance")
    first, second = approved_claim(), approved_claim()
    held = approved_claim(payee="")
    run = create_payment_run(actor=finance)
    assert (run.claim_count, run.total) == (2, Decimal("40.00"))
    assert set(run.claims.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert Claim.objects.get(pk=held.pk).status == ClaimStatus.APPROVED
    paid = AuditEvent.objects.filter(action="claim paid")
    assert {e.subject_id for e in paid} == {str(first.expert_id), str(second.expert_id)}
    assert all(run.reference in e.summary for e in paid)
    with pytest.raises(PaymentRunError):
        create_payment_run(actor=finance, claim_ids=[first.pk])
    assert Claim.objects.get(pk=first.pk).payment_run_id == run.pk
