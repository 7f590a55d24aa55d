"""Payments' part of a person's data: claims with their lines and receipts, and the choices
recorded about what they are paid. No bank details are held."""

from django.template.defaultfilters import pluralize

from coproduce.core.erasure import delete_file_after_commit
from coproduce.core.formats import count_of
from coproduce.core.lengths import shorten_for
from coproduce.core.subject_access import Section
from coproduce.payments.choices import LINE_CATEGORIES, ClaimStatus
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
                "payment_run": claim.payment_run.reference if claim.payment_run else "",
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
            "whose_decision": d.get_decided_by_display(),
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


# Claims on their way to being paid. Once the person is erased they have no payee reference,
# and finance cannot pay them (queries.claims.payable_claims).
OPEN = [ClaimStatus.SUBMITTED, ClaimStatus.CHECKED, ClaimStatus.APPROVED, ClaimStatus.RETURNED]


def erase_blockers(expert) -> list[str]:
    waiting = Claim.objects.filter(expert=expert, status__in=OPEN).count()
    if not waiting:
        return []
    return [
        f"They have {count_of(waiting, 'claim')} not yet paid or rejected. Once their data "
        "is erased we cannot pay them, so pay or reject "
        + pluralize(waiting, "it,them")
        + " first."
    ]


def erase(expert) -> list[str]:
    """Claims and payments are kept for six years (HMRC), with each amount, its kind, the
    session's date, the status and who checked, approved and paid it, under the erased
    record's made-up name. Everything written about the person goes: the descriptions of
    expenses (each becomes its kind, "Travel"), who agreed them, the reasons a claim was
    sent back, rejected or allowed past a benefits limit, and the reasons for fee choices.
    Receipts are deleted: they often show a name, an address or a journey, and the amounts
    they prove are kept on the claim, which was checked against them when it was made."""
    lines = ClaimLine.objects.filter(claim__expert=expert)
    receipts = 0
    for line in lines.exclude(receipt=""):
        receipts += delete_file_after_commit(line.receipt)
    labels = dict(LINE_CATEGORIES)
    for category in set(lines.values_list("category", flat=True)):
        lines.filter(category=category).update(
            description=shorten_for(ClaimLine, "description", str(labels.get(category, category)))
        )
    lines.update(receipt="", receipt_name="", agreed_by="")
    Claim.objects.filter(expert=expert).update(
        rejection_reason="", return_reason="", override_reason=""
    )
    FeeDecision.objects.filter(invitation__expert=expert).update(reason="")
    removed = [
        "the descriptions of their expenses, and the reasons written about their claims and "
        "fee choices",
        "their payee reference",
    ]
    if receipts:
        removed.append(f"their receipts ({receipts})")
    return removed
