"""Permission matrix entries for payments (staff pages), with the URL arguments they need.

The involvement team (coordinator, lead) sees the claims, checks them and claims on an
expert's behalf; finance sees the claims, approves or rejects them and makes payment runs.
Each is refused the other's actions, so a coordinator cannot approve or pay. Staff members,
experts and administrators are refused everything here. Keys start `staff_` so they never
clash with the other payments parts' keys."""

from tests.permissions.outcomes import INVALID, REDIRECT, TEAM, only

GET, POST = "get", "post"

claim_staff = only(("finance", *TEAM))
team = only(TEAM)
team_redirect = only(TEAM, ok=REDIRECT)
finance = only(("finance",))

PAYMENTS_STAFF: dict[str, tuple[str, str, dict[str, str]]] = {
    "payments:claims": (GET, "", claim_staff),
    "payments:claim_detail": (GET, "staff_claim", claim_staff),
    "payments:claim_receipt": (GET, "staff_receipt", claim_staff),
    # Checking a claim that waits for its check goes back to the queue.
    "payments:claim_check": (POST, "staff_claim", team_redirect),
    # Approving a checked claim goes back to the queue; rejecting with no reason is refused
    # with the form's message.
    # Sending back with no reason is refused with the form's message.
    "payments:claim_send_back": (POST, "staff_claim", only(TEAM, ok=INVALID)),
    # Correcting a claim sent back, for the expert.
    "payments:claim_correct_for_expert": (GET, "staff_returned_claim", team),
    "payments:claim_approve": (POST, "staff_checked_claim", only(("finance",), ok=REDIRECT)),
    "payments:claim_reject": (POST, "staff_checked_claim", only(("finance",), ok=INVALID)),
    "payments:claim_for_expert": (GET, "staff_expert", team),
    "payments:claim_for_expert_session": (GET, "staff_attended_place", team),
    "payments:runs": (GET, "", finance),
    # Checking the run before making it: only this page's button makes it.
    "payments:run_confirm": (GET, "", finance),
    # An empty post has no count to confirm: the page comes back with what is missing.
    "payments:run_create": (POST, "", only(("finance",), ok=INVALID)),
    "payments:run_detail": (GET, "staff_run", finance),
    "payments:run_export": (GET, "staff_run_export", finance),
}


def _policy() -> None:
    from coproduce.payments.models import Policy
    from tests.payments.helpers import make_policy

    if not Policy.objects.exists():
        make_policy()


def kwargs(key: str) -> dict | None:
    """URL arguments for this part's keys; None for a key it does not know."""
    if not key.startswith("staff_"):
        return None
    from tests.payments import claim_helpers

    _policy()
    if key == "staff_claim":
        return {"pk": claim_helpers.expense_claim().pk}
    if key == "staff_returned_claim":
        return {"pk": claim_helpers.returned_claim().pk}
    if key == "staff_checked_claim":
        return {"pk": claim_helpers.checked_claim().pk}
    if key == "staff_receipt":
        from django.core.files.base import ContentFile

        claim = claim_helpers.expense_claim()
        line = claim.lines.get()
        line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 receipt"), save=True)
        return {"pk": claim.pk, "line_pk": line.pk}
    if key == "staff_expert":
        return {"expert_pk": claim_helpers.attended_unpaid_place().expert_id}
    if key == "staff_attended_place":
        place = claim_helpers.attended_unpaid_place()
        return {"expert_pk": place.expert_id, "invitation_pk": place.pk}
    if key in ("staff_run", "staff_run_export"):
        from coproduce.payments.services.runs import create_payment_run
        from tests.factories import UserFactory

        claim_helpers.approved_claim()
        run = create_payment_run(actor=UserFactory(role="finance"))
        if key == "staff_run_export":
            return {"pk": run.pk, "file_format": "csv"}
        return {"pk": run.pk}
    return None
