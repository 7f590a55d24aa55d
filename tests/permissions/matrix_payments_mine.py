"""Permission matrix entries for payments (mine pages), with the URL arguments they need.

The expert's own money: only experts open these pages, and staff of every role are refused
(they follow claims on the staff pages). Each record the matrix asks for belongs to another
expert, so the signed-in expert gets 404 and learns nothing of it; the statement and its PDF
are always the signed-in expert's own."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from tests.permissions.outcomes import DENIED, MISSING, only, rule

expert_only = only(("expert",))
# Someone else's record: staff are refused before anything is looked up; the expert finds
# nothing.
another_experts = rule(default=DENIED, expert=MISSING)

PAYMENTS_MINE: dict[str, tuple[str, str, dict[str, str]]] = {
    "payments:my_claims": ("get", "", expert_only),
    "payments:my_claim_new": ("get", "mine_another_experts_attended_place", another_experts),
    "payments:my_claim": ("get", "mine_another_experts_claim", another_experts),
    "payments:my_claim_correct": ("get", "mine_another_experts_claim", another_experts),
    "payments:my_claim_receipt": ("get", "mine_another_experts_receipt", another_experts),
    "payments:my_statement": ("get", "", expert_only),
    "payments:my_statement_pdf": ("get", "mine_statement_year", expert_only),
    "payments:my_fee_choice": ("get", "mine_another_experts_invitation", another_experts),
}


def _attended_place():
    from tests.factories import InvitationFactory

    return InvitationFactory(status="accepted", attendance="attended", hours=Decimal("2"))


def kwargs(key: str) -> dict | None:
    """URL arguments for this part's keys; None for a key it does not know."""
    if key == "mine_another_experts_attended_place":
        return {"invitation_pk": _attended_place().pk}
    if key == "mine_another_experts_claim":
        from coproduce.payments.models import Claim

        place = _attended_place()
        claim = Claim.objects.create(
            expert=place.expert,
            invitation=place,
            kind="expenses",
            session_date=timezone.localdate(place.session.starts_at),
            team=place.session.opportunity.team,
            total=Decimal("4.50"),
            submitted_at=timezone.now(),
        )
        return {"pk": claim.pk}
    if key == "mine_another_experts_receipt":
        from django.core.files.base import ContentFile

        from tests.payments import claim_helpers
        from tests.permissions.matrix_payments_staff import _policy

        _policy()
        claim = claim_helpers.expense_claim()
        line = claim.lines.get()
        line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 receipt"), save=True)
        return {"pk": claim.pk, "line_pk": line.pk}
    if key == "mine_another_experts_invitation":
        from tests.factories import InvitationFactory

        return {"invitation_pk": InvitationFactory().pk}
    if key == "mine_statement_year":
        return {"year": date(2026, 4, 6).year}
    return None
