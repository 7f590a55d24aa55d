"""Checking, approving and rejecting claims from the claim's page. Nobody approves their own
submission; a payment past a declared benefits limit is approved only with a reason, which is
recorded; a paid claim cannot be approved again."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.payments.choices import ClaimStatus, FeeChoice, FeeDecider
from coproduce.payments.services.decisions import record_fee_choice
from coproduce.payments.services.runs import create_payment_run
from tests.factories import ExpertFactory, UserFactory
from tests.payments.claim_helpers import (
    approved_claim,
    checked_claim,
    expense_claim,
    involvement_claim,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]


def weekly_limited_claim(limit: str = "20.00"):
    """An involvement payment of £30 (2 hours at £15) for an expert with a weekly limit."""
    expert = ExpertFactory(
        full_name="Wendy Weekly",
        payee_reference="W-1",
        benefits_declaration="weekly",
        earnings_limit=Decimal(limit),
    )
    return involvement_claim(expert=expert, hours="2")


def page(client, claim):
    return client.get(reverse("payments:claim_detail", args=[claim.pk]))


def test_the_claim_page_shows_lines_total_and_history(finance_client, coordinator):
    claim = checked_claim(actor=coordinator, amount="8.40")

    response = page(finance_client, claim)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Claim C-{claim.pk}" in html
    assert "Bus there and back" in html
    assert "£8.40" in html
    assert "Submitted on the expert&#39;s behalf" in html or "Submitted on the expert's" in html
    assert "Checked" in html
    assert "Cora Coordinator" in html
    assert f'action="/payments/claims/{claim.pk}/approve/"' in html
    assert RecordView.objects.filter(subject_id=str(claim.expert_id)).exists()


def test_the_involvement_team_marks_a_claim_as_checked(coordinator_client, coordinator):
    claim = expense_claim()

    response = coordinator_client.post(reverse("payments:claim_check", args=[claim.pk]))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED
    assert claim.checked_by == coordinator
    assert "waits for finance" in str(list(response.wsgi_request._messages)[0])


def test_checking_a_claim_twice_says_so_on_the_page(coordinator_client):
    claim = checked_claim()
    response = coordinator_client.post(reverse("payments:claim_check", args=[claim.pk]))
    assert response.status_code == 400
    assert "already been checked or decided" in response.content.decode()


def test_finance_approves_a_checked_claim(finance_client, finance_officer):
    claim = checked_claim()

    response = finance_client.post(reverse("payments:claim_approve", args=[claim.pk]))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, finance_officer)
    assert AuditEvent.objects.filter(action="claim approved", object_id=str(claim.pk)).exists()


def test_nobody_approves_their_own_submission(finance_client, finance_officer):
    # A finance officer who submitted a claim (through the service) cannot decide it.
    claim = checked_claim(actor=finance_officer)

    shown = page(finance_client, claim).content.decode()
    approve = finance_client.post(reverse("payments:claim_approve", args=[claim.pk]))
    reject = finance_client.post(
        reverse("payments:claim_reject", args=[claim.pk]), {"reason": "Mine"}
    )

    assert "You submitted this claim, so someone else must approve or reject it" in shown
    assert f'action="/payments/claims/{claim.pk}/approve/"' not in shown
    assert approve.status_code == 400
    assert "You submitted this claim, so someone else must approve it" in approve.content.decode()
    assert reject.status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_a_weekly_limit_warning_is_shown_in_words_with_a_reason_box(finance_client):
    claim = weekly_limited_claim()

    html = page(finance_client, claim).content.decode()

    assert "This payment could affect the expert" in html
    assert "This payment of £30.00 would take earnings for" in html
    assert "over the declared limit of £20.00 by £10.00" in html
    assert 'name="override_reason"' in html
    assert "The expert has not said what they want to do" in html


def test_approving_past_a_weekly_limit_needs_a_reason_beside_the_reason_box(finance_client):
    claim = weekly_limited_claim()

    response = finance_client.post(
        reverse("payments:claim_approve", args=[claim.pk]), {"override_reason": "  "}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert 'href="#id_override_reason"' in html  # the error summary links to the box
    assert 'id="id_override_reason-error"' in html
    assert "give the reason for paying it in full" in html
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_the_override_reason_is_recorded_on_the_claim_and_in_the_audit(finance_client):
    claim = weekly_limited_claim()
    reason = "The expert asked for the full fee: their benefits changed last month."

    response = finance_client.post(
        reverse("payments:claim_approve", args=[claim.pk]), {"override_reason": reason}
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.override_reason) == (ClaimStatus.APPROVED, reason)
    event = AuditEvent.objects.get(action="claim approved", object_id=str(claim.pk))
    assert event.changes["override_reason"] == ["", reason]
    assert reason in page(finance_client, claim).content.decode()


def test_what_the_expert_chose_is_shown_beside_the_warning(finance_client):
    claim = weekly_limited_claim()
    record_fee_choice(
        actor=UserFactory(role="coordinator"),
        invitation=claim.invitation,
        choice=FeeChoice.FULL,
        by_expert=True,
    )
    html = page(finance_client, claim).content.decode()
    assert "The expert chose: take the full payment" in html


def test_a_paid_claim_cannot_be_approved_again(finance_client):
    claim = approved_claim()
    create_payment_run(actor=UserFactory(role="finance"))

    response = finance_client.post(
        reverse("payments:claim_approve", args=[claim.pk]), {"override_reason": "again"}
    )

    assert response.status_code == 400
    assert "Only a claim waiting for approval can be approved" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_rejecting_needs_a_reason_beside_its_box(finance_client):
    claim = checked_claim()

    response = finance_client.post(reverse("payments:claim_reject", args=[claim.pk]), {})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_reason-error"' in html
    assert "Enter why the claim is rejected" in html
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_finance_rejects_with_the_reason_the_expert_reads(finance_client):
    claim = checked_claim()
    response = finance_client.post(
        reverse("payments:claim_reject", args=[claim.pk]), {"reason": "No receipt for the taxi"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == (
        ClaimStatus.REJECTED,
        "No receipt for the taxi",
    )


def test_coordinators_cannot_approve_or_reject(coordinator_client):
    claim = checked_claim()
    approve = coordinator_client.post(reverse("payments:claim_approve", args=[claim.pk]))
    reject = coordinator_client.post(
        reverse("payments:claim_reject", args=[claim.pk]), {"reason": "x"}
    )
    assert (approve.status_code, reject.status_code) == (403, 403)
    html = page(coordinator_client, claim).content.decode()
    assert "Approve the claim" not in html


def _receipt_line(claim):
    line = claim.lines.get()
    line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 a receipt"), save=True)
    return line


def test_a_receipt_downloads_privately_and_the_opening_is_recorded(finance_client):
    claim = checked_claim()
    line = _receipt_line(claim)
    url = reverse("payments:claim_receipt", args=[claim.pk, line.pk])

    response = finance_client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 a receipt"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert RecordView.objects.filter(
        subject_id=str(claim.expert_id), what=f"receipt for C-{claim.pk}"
    ).exists()


def test_a_receipt_is_only_found_under_its_own_claim(finance_client):
    claim = checked_claim()
    line = _receipt_line(claim)
    other = checked_claim()
    response = finance_client.get(reverse("payments:claim_receipt", args=[other.pk, line.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["expert_client", "staff_client", "administrator_client"])
def test_receipts_are_closed_to_everyone_but_claim_staff(request, who):
    claim = checked_claim()
    line = _receipt_line(claim)
    client = request.getfixturevalue(who)
    response = client.get(reverse("payments:claim_receipt", args=[claim.pk, line.pk]))
    assert response.status_code == 403


def test_an_override_by_the_team_is_not_shown_as_the_experts_choice(finance_client):
    claim = weekly_limited_claim()
    record_fee_choice(
        actor=UserFactory(role="coordinator"),
        invitation=claim.invitation,
        choice=FeeChoice.FULL,
        by_expert=False,
        decided_by=FeeDecider.OVERRIDE,
        reason="She asked us to go ahead",
    )
    html = page(finance_client, claim).content.decode()
    assert "The team overrode the warning and chose: take the full payment" in html
    assert "The expert chose" not in html
