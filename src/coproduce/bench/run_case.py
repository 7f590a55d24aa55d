"""Times a payment run as finance meets it: 5,000 approved claims put in a run (each claim's
payment audited) and exported as CSV and as XLSX."""

import time

RUN_CLAIMS = 5_000
RUN_TARGET_S = 10.0


def time_payment_run(actor, claims: int = RUN_CLAIMS) -> float:
    from django.db.models import Q
    from django.utils import timezone

    from coproduce.payments import exports
    from coproduce.payments.choices import ClaimStatus
    from coproduce.payments.models import Claim
    from coproduce.payments.queries.claims import payable_claims
    from coproduce.payments.services.runs import create_payment_run

    # Setting up, not timed: the oldest claims waiting, approved, make 5,000 ready to pay.
    ready = list(payable_claims().order_by("pk").values_list("pk", flat=True)[:claims])
    if len(ready) < claims:
        waiting = Claim.objects.filter(
            Q(status=ClaimStatus.SUBMITTED) | Q(status=ClaimStatus.CHECKED),
            payment_run__isnull=True,
        ).exclude(expert__payee_reference="")
        more = list(waiting.order_by("pk").values_list("pk", flat=True)[: claims - len(ready)])
        Claim.objects.filter(pk__in=more).update(
            status=ClaimStatus.APPROVED, decided_at=timezone.now()
        )
        ready += more
    assert len(ready) == claims, f"the demo data should have {claims:,} claims to pay"
    started = time.perf_counter()
    run = create_payment_run(actor=actor, claim_ids=ready)
    csv_file = exports.run_csv(run)
    xlsx_file = exports.run_xlsx(run)
    seconds = time.perf_counter() - started
    assert run.claim_count == claims and csv_file and xlsx_file
    return seconds
