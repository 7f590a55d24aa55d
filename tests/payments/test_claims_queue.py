"""The claims queue: each role starts on the claims waiting for it, oldest first; every status
has a tab; rows warn about benefits limits and missing payee references; the page takes as
many queries for many rows as for few."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim
from tests.factories import ExpertFactory
from tests.payments.claim_helpers import (
    approved_claim,
    checked_claim,
    expense_claim,
    involvement_claim,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]
URL = reverse("payments:claims")


def names_in(response) -> list[str]:
    return [claim.expert.full_name for claim, _ in response.context["rows"]]


def test_finance_starts_on_claims_checked_and_waiting_for_approval_oldest_first(finance_client):
    newer = checked_claim(expert=ExpertFactory(full_name="Newer Claimant", payee_reference="A1"))
    older = checked_claim(expert=ExpertFactory(full_name="Older Claimant", payee_reference="A2"))
    Claim.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=5))
    expense_claim(expert=ExpertFactory(full_name="Not Yet Checked"))
    approved_claim(expert=ExpertFactory(full_name="Already Approved"))

    response = finance_client.get(URL)

    assert response.status_code == 200
    assert names_in(response) == ["Older Claimant", "Newer Claimant"]
    assert newer.status == ClaimStatus.CHECKED
    assert "Waiting for approval" in response.content.decode()


def test_involvement_team_starts_on_claims_waiting_for_their_check(coordinator_client):
    expense_claim(expert=ExpertFactory(full_name="To Check"))
    checked_claim(expert=ExpertFactory(full_name="Checked Already"))

    response = coordinator_client.get(URL)

    assert names_in(response) == ["To Check"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("submitted", ["Sub Mitted"]),
        ("checked", ["Che Cked"]),
        ("approved", ["App Roved"]),
        ("rejected", []),
        ("paid", []),
        ("withdrawn", []),
    ],
)
def test_every_status_has_a_tab(finance_client, status, expected):
    expense_claim(expert=ExpertFactory(full_name="Sub Mitted"))
    checked_claim(expert=ExpertFactory(full_name="Che Cked"))
    approved_claim(expert=ExpertFactory(full_name="App Roved"))

    response = finance_client.get(URL, {"status": status})

    assert names_in(response) == expected
    assert f'href="?status={status}" aria-current="page"' in response.content.decode()


def test_all_claims_tab_lists_every_status_newest_first(finance_client):
    first = expense_claim(expert=ExpertFactory(full_name="First In"))
    Claim.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    checked_claim(expert=ExpertFactory(full_name="Second In"))

    response = finance_client.get(URL, {"status": "all"})

    assert names_in(response) == ["Second In", "First In"]


def test_an_unknown_status_falls_back_to_the_roles_own_queue(finance_client):
    checked_claim(expert=ExpertFactory(full_name="Che Cked"))
    response = finance_client.get(URL, {"status": "nonsense"})
    assert response.status_code == 200
    assert names_in(response) == ["Che Cked"]


def test_filters_by_team_and_kind(finance_client):
    wanted = checked_claim(expert=ExpertFactory(full_name="In The Team"))
    checked_claim(expert=ExpertFactory(full_name="Other Team"))
    involvement_claim(expert=ExpertFactory(full_name="Paid Work", payee_reference="P9"))

    by_team = finance_client.get(URL, {"status": "checked", "team": wanted.team_id})
    by_kind = finance_client.get(URL, {"status": "checked", "kind": "involvement"})

    assert names_in(by_team) == ["In The Team"]
    assert names_in(by_kind) == ["Paid Work"]


def test_rows_show_on_behalf_and_a_missing_payee_reference(finance_client, coordinator):
    checked_claim(
        expert=ExpertFactory(full_name="No Reference", payee_reference=""), actor=coordinator
    )

    page = finance_client.get(URL).content.decode()

    assert "No Reference" in page
    assert "on the expert&#39;s behalf" in page or "on the expert's behalf" in page
    assert "No payee reference" in page
    assert "Cora Coordinator" in page


def test_a_payment_past_a_weekly_benefits_limit_is_tagged(finance_client):
    limited = ExpertFactory(
        full_name="Weekly Limit",
        payee_reference="W1",
        benefits_declaration="weekly",
        earnings_limit=Decimal("20.00"),
    )
    roomy = ExpertFactory(
        full_name="Plenty Of Room",
        payee_reference="W2",
        benefits_declaration="weekly",
        earnings_limit=Decimal("200.00"),
    )
    involvement_claim(expert=limited, hours="2")  # £30 against a £20 limit
    involvement_claim(expert=roomy, hours="2")

    response = finance_client.get(URL)

    flags = {claim.expert.full_name: flagged for claim, flagged in response.context["rows"]}
    assert flags == {"Weekly Limit": True, "Plenty Of Room": False}
    assert "Benefits limit" in response.content.decode()


def test_the_queue_pages_by_fifty(finance_client):
    for _ in range(51):
        checked_claim()
    first = finance_client.get(URL)
    second = finance_client.get(URL, {"page": 2})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 1


def _queries(client, params) -> int:
    client.get(URL, params)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


def _mixed_claims(count: int) -> None:
    for n in range(count):
        if n % 3 == 0:
            involvement_claim(
                expert=ExpertFactory(benefits_declaration="weekly", earnings_limit=Decimal("20.00"))
            )
        elif n % 3 == 1:
            checked_claim(expert=ExpertFactory(payee_reference=""))
        else:
            checked_claim()


def test_the_queue_takes_as_many_queries_for_many_rows_as_for_few(finance_client):
    _mixed_claims(3)
    few = _queries(finance_client, {})
    _mixed_claims(57)
    assert Claim.objects.filter(status=ClaimStatus.CHECKED).count() == 60
    assert _queries(finance_client, {}) == few
    assert _queries(finance_client, {"status": "all", "page": 2}) <= few
