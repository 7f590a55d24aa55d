"""Payment runs: approved claims batched for finance to pay, each claim in one run only, ever."""

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change, record_changes
from coproduce.core.formats import count_of, money
from coproduce.core.money import ZERO
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim, PaymentRun
from coproduce.payments.queries.claims import payable_claims
from coproduce.payments.transitions import CLAIM_MOVES


class PaymentRunError(Exception):
    """The run cannot be made as asked; the message says why, in words for the page."""


def create_payment_run(
    *, actor, claim_ids: list[int] | None = None, paid_on: date | None = None
) -> PaymentRun:
    """Puts approved claims (those chosen, or all that can be paid) into a new payment run and
    marks them paid. Two people making runs at once cannot pay a claim twice: a claim joins a
    run only if it is still approved and in no run when the run's update reaches it."""
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        run = PaymentRun.objects.create(
            reference=f"new-{timezone.now():%H%M%S%f}", created_by=actor, paid_on=paid_on
        )
        run.reference = f"PR-{run.pk:05d}"
        chosen = payable_claims()
        if claim_ids is not None:
            chosen = chosen.filter(pk__in=claim_ids)
        # Lock the chosen claims, then update only those still approved and in no run. The
        # update's conditions are on the claim row itself (no join), so PostgreSQL checks them
        # again once another run's lock is released: a claim just paid there is left out here.
        ids = list(chosen.select_for_update(of=("self",)).values_list("pk", flat=True))
        payable, paid_status = CLAIM_MOVES["pay"]
        taken = Claim.objects.filter(
            pk__in=ids, status__in=sorted(payable), payment_run__isnull=True
        ).update(payment_run=run, status=paid_status, paid_on=paid_on, updated_at=timezone.now())
        if taken == 0:
            raise PaymentRunError(
                "There are no approved claims to pay: they may have just been paid in another run"
            )
        paid = Claim.objects.filter(payment_run=run).select_related("expert")
        record_changes(
            actor=actor,
            action=AuditEvent.Action.CLAIM_PAID,
            changes=[
                (
                    claim,
                    claim.expert,
                    f"{claim} paid {money(claim.total)} in {run.reference}",
                    {"status": [ClaimStatus.APPROVED, ClaimStatus.PAID]},
                )
                for claim in paid.only(
                    "pk", "total", "kind", "session_date", "expert", "expert__full_name"
                )
            ],
        )
        run.claim_count = taken
        run.total = Claim.objects.filter(payment_run=run).aggregate(t=Sum("total"))["t"] or ZERO
        run.save(update_fields=["reference", "claim_count", "total", "updated_at"])
        record_change(
            actor=actor,
            instance=run,
            action=AuditEvent.Action.PAYMENT_RUN_CREATED,
            changes={"claims": [None, taken], "total": [None, str(run.total)]},
            summary=f"{run.reference}: {count_of(taken, 'claim')}, {money(run.total)}, "
            f"paid on {paid_on}",
        )
    return run
