"""Payments' part of a person's data: claims with their lines and receipts, and the choices
recorded about what they are paid. No bank details are held."""

from coproduce.core.subject_access import Section
from coproduce.payments.models import Claim, ClaimLine, FeeDecision


def collect(expert) -> Section:
    claims = Claim.objects.filter(expert=expert).select_related(
        "invitation__session__opportunity", "payment_run"
    )
    lines = ClaimLine.objects.filter(claim__expert=expert).order_by("claim_id", "pk")
    by_claim: dict[int, list[ClaimLine]] = {}
    for line in lines:
        by_claim.setdefault(line.claim_id, []).append(line)
    files = []
    data = []
    for claim in claims.order_by("session_date", "pk"):
        entries = []
        for line in by_claim.get(claim.pk, []):
            entry = {
                "description": line.description,
                "category": line.get_category_display(),
                "quantity": line.quantity,
                "unit_rate": line.unit_rate,
                "amount": line.amount,
                "agreed_by": line.agreed_by,
                "receipt": "",
            }
            if line.receipt:
                suffix = line.receipt.name.rsplit(".", 1)[-1]
                entry["receipt"] = f"files/receipt-{claim.pk}-{line.pk}.{suffix}"
                files.append((f"receipt-{claim.pk}-{line.pk}.{suffix}", line.receipt))
            entries.append(entry)
        data.append(
            {
                "reference": f"C-{claim.pk}",
                "kind": claim.get_kind_display(),
                "for": claim.invitation.session.opportunity.title,
                "session_date": claim.session_date,
                "status": claim.get_status_display(),
                "total": claim.total,
                "submitted_at": claim.submitted_at,
                "submitted_on_their_behalf": claim.on_behalf,
                "rejection_reason": claim.rejection_reason,
                "override_reason": claim.override_reason,
                "payment_run": claim.payment_run.reference if claim.payment_run_id else "",
                "paid_on": claim.paid_on,
                "lines": entries,
            }
        )
    decisions = [
        {
            "for": d.invitation.session.opportunity.title,
            "session_starts": d.invitation.session.starts_at,
            "choice": d.get_choice_display(),
            "reduced_amount": d.reduced_amount,
            "by_expert": d.by_expert,
            "reason": d.reason,
            "recorded_at": d.updated_at,
        }
        for d in FeeDecision.objects.filter(invitation__expert=expert).select_related(
            "invitation__session__opportunity"
        )
    ]
    return Section(
        "payments",
        {"payee_reference": expert.payee_reference, "claims": data, "fee_choices": decisions},
        files,
    )
