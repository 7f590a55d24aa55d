"""An expert opens again a receipt they sent with their own claim; nobody else's."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coproduce.payments.models import Claim
from tests.payments import claim_helpers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]


def claim_with_receipt(expert=None):
    claim = claim_helpers.expense_claim(**({"expert": expert} if expert else {}))
    line = claim.lines.get()
    line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 my bus ticket"), save=True)
    return claim, line


def test_the_expert_opens_their_own_receipt_from_their_claim(expert_client, expert):
    claim, line = claim_with_receipt(expert)
    url = reverse("payments:my_claim_receipt", args=[claim.pk, line.pk])
    page = expert_client.get(reverse("payments:my_claim", args=[claim.pk])).content.decode()
    assert f'href="{url}"' in page and "Open your receipt" in page

    response = expert_client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 my bus ticket"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]


def test_another_experts_receipt_is_not_found(expert_client, expert):
    claim, line = claim_with_receipt()
    assert claim.expert != expert
    url = reverse("payments:my_claim_receipt", args=[claim.pk, line.pk])
    assert expert_client.get(url).status_code == 404


def test_a_line_of_another_claim_is_not_found_through_ones_own(expert_client, expert):
    mine, _ = claim_with_receipt(expert)
    _, theirs = claim_with_receipt()
    url = reverse("payments:my_claim_receipt", args=[mine.pk, theirs.pk])
    assert expert_client.get(url).status_code == 404
    assert Claim.objects.count() == 2
