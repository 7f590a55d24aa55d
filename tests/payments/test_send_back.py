"""The involvement team sends an expense claim back to be corrected, with a reason the expert
reads; the expert (or the team for them) corrects it and sends it again, and it is checked
again. Each move is audited; a move the claim's status does not allow is refused."""

import io
from decimal import Decimal

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.services.approval import ApprovalError, approve_claim, send_back_claim
from coproduce.payments.services.expenses import ClaimError, ExpenseItem, send_claim_again
from coproduce.payments.transitions import CLAIM_MOVES
from tests.factories import UserFactory
from tests.payments.claim_helpers import (
    checked_claim,
    expense_claim,
    involvement_claim,
    returned_claim,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]


def send_back(client, claim, reason="The bus ticket is missing. Add a photo of it."):
    return client.post(reverse("payments:claim_send_back", args=[claim.pk]), {"reason": reason})


def one_row(category="public_transport", amount="6.20", description="Bus, corrected"):
    return {
        "expense_1_category": category,
        "expense_1_amount": amount,
        "expense_1_description": description,
    }


def test_coordinator_sends_a_claim_back_with_a_reason_and_the_move_is_audited(
    coordinator_client, coordinator
):
    claim = checked_claim()

    response = send_back(coordinator_client, claim)

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED
    assert claim.return_reason == "The bus ticket is missing. Add a photo of it."
    assert (claim.returned_by, claim.checked_at) == (coordinator, None)
    event = AuditEvent.objects.get(action="claim sent back", object_id=str(claim.pk))
    assert event.changes["status"] == [ClaimStatus.CHECKED, ClaimStatus.RETURNED]
    assert event.actor == coordinator


def test_the_claim_page_offers_the_team_a_way_to_send_it_back(coordinator_client):
    claim = expense_claim()
    page = coordinator_client.get(reverse("payments:claim_detail", args=[claim.pk]))
    html = page.content.decode()
    assert reverse("payments:claim_send_back", args=[claim.pk]) in html
    assert "What needs correcting?" in html


def test_sending_back_without_a_reason_puts_a_message_beside_the_reason(coordinator_client):
    claim = expense_claim()

    response = send_back(coordinator_client, claim, reason="  ")

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reason"] == ["Enter what needs correcting: the expert will read it"]
    assert "Error:" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_finance_cannot_send_a_claim_back(finance_client):
    claim = checked_claim()
    assert send_back(finance_client, claim).status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHECKED


def test_a_payment_for_time_is_not_sent_back_but_corrected_through_attendance():
    claim = involvement_claim()
    with pytest.raises(ApprovalError, match="correct their attendance"):
        send_back_claim(actor=UserFactory(role="coordinator"), claim=claim, reason="Wrong hours")


def test_a_claim_sent_back_cannot_be_approved_until_it_is_sent_again():
    claim = returned_claim()
    assert CLAIM_MOVES["send again"] == (frozenset({ClaimStatus.RETURNED}), ClaimStatus.SUBMITTED)
    with pytest.raises(ApprovalError):
        approve_claim(actor=UserFactory(role="finance"), claim=claim)


def test_the_expert_reads_that_the_claim_needs_correcting_and_why(expert_client, expert):
    claim = returned_claim(expert=expert, reason="The bus ticket is missing.")

    listing = expert_client.get(reverse("payments:my_claims")).content.decode()
    detail = expert_client.get(reverse("payments:my_claim", args=[claim.pk])).content.decode()

    for html in (listing, detail):
        assert "Needs correcting" in html
        assert "to correct: The bus ticket is missing." in html
        assert reverse("payments:my_claim_correct", args=[claim.pk]) in html
    assert "sent it back to be corrected: The bus ticket is missing." in detail


def test_the_expert_corrects_the_claim_and_it_waits_to_be_checked_again(expert_client, expert):
    claim = returned_claim(expert=expert)
    url = reverse("payments:my_claim_correct", args=[claim.pk])
    form_page = expert_client.get(url)
    assert form_page.status_code == 200
    # The claim's expenses fill the form, and the reason is shown.
    assert form_page.context["form"]["expense_1_amount"].value() == Decimal("8.40")
    assert "The bus ticket is missing." in form_page.content.decode()

    response = expert_client.post(url, one_row(amount="6.20"))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.total) == (ClaimStatus.SUBMITTED, Decimal("6.20"))
    assert claim.resubmitted_by == expert.user
    assert list(claim.lines.values_list("description", flat=True)) == ["Bus, corrected"]
    event = AuditEvent.objects.get(action="claim sent again", object_id=str(claim.pk))
    assert event.changes["total"] == ["8.40", "6.20"]


def test_a_mistake_in_the_correction_is_shown_beside_its_field_and_kept(expert_client, expert):
    claim = returned_claim(expert=expert)
    url = reverse("payments:my_claim_correct", args=[claim.pk])

    response = expert_client.post(url, one_row(amount="0"))

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["expense_1_amount"] == ["Amount must be more than £0"]
    assert form["expense_1_description"].value() == "Bus, corrected"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED


def test_a_receipt_already_added_is_kept_when_the_claim_is_corrected(expert_client, expert):
    claim = returned_claim(expert=expert)
    line = claim.lines.get()
    line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 receipt"), save=False)
    line.receipt_name = "ticket.pdf"
    line.save()
    url = reverse("payments:my_claim_correct", args=[claim.pk])
    assert "ticket.pdf" in expert_client.get(url).content.decode()

    expert_client.post(url, one_row())

    assert claim.lines.get().receipt.name == line.receipt.name


def test_a_claim_that_was_not_sent_back_cannot_be_corrected(expert_client, expert):
    claim = expense_claim(expert=expert)
    url = reverse("payments:my_claim_correct", args=[claim.pk])
    assert expert_client.post(url, one_row())["Location"] == reverse(
        "payments:my_claim", args=[claim.pk]
    )
    with pytest.raises(ClaimError):
        send_claim_again(
            actor=expert.user,
            claim=claim,
            items=[ExpenseItem(category="public_transport", amount=Decimal("1"))],
            on_behalf=False,
        )


def test_the_coordinator_corrects_the_claim_for_the_expert(coordinator_client, coordinator):
    claim = returned_claim()
    detail = coordinator_client.get(reverse("payments:claim_detail", args=[claim.pk]))
    url = reverse("payments:claim_correct_for_expert", args=[claim.pk])
    assert url in detail.content.decode()

    response = coordinator_client.post(url, one_row(amount="3.10"))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.total, claim.resubmitted_by) == (
        ClaimStatus.SUBMITTED,
        Decimal("3.10"),
        coordinator,
    )
    history = coordinator_client.get(reverse("payments:claim_detail", args=[claim.pk]))
    assert "Corrected and sent again" in history.content.decode()


def test_a_new_receipt_can_replace_the_one_kept(expert_client, expert):
    claim = returned_claim(expert=expert)
    url = reverse("payments:my_claim_correct", args=[claim.pk])
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)  # a real PDF: receipts are opened and rewritten
    receipt = SimpleUploadedFile("new.pdf", out.getvalue(), "application/pdf")
    response = expert_client.post(url, {**one_row(), "expense_1_receipt": receipt})
    assert response.status_code == 302
    assert claim.lines.get().receipt_name == "new.pdf"
