"""Claiming expenses on an expert's behalf: choose a session they attended, fill in the expense
rows. Bad input gets a message beside its field, what was typed comes back, and nothing is
half-saved."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim, ClaimLine
from tests.factories import ExpertFactory
from tests.payments.claim_helpers import attended_unpaid_place
from tests.payments.helpers import accepted_place, attend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]


@pytest.fixture
def place():
    return attended_unpaid_place(expert=ExpertFactory(full_name="Olive Offline"))


def form_url(place) -> str:
    return reverse("payments:claim_for_expert_session", args=[place.expert_id, place.pk])


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="PNG")
    return SimpleUploadedFile("ticket.png", out.getvalue(), content_type="image/png")


def row(n: int = 1, **values) -> dict:
    return {f"expense_{n}_{name}": value for name, value in values.items()}


def counts() -> tuple[int, int]:
    return Claim.objects.count(), ClaimLine.objects.count()


def test_the_expert_s_attended_sessions_are_listed_newest_first(coordinator_client):
    expert = ExpertFactory(full_name="Olive Offline")
    older = attended_unpaid_place(expert=expert, days_ago=40)
    newer = attended_unpaid_place(expert=expert, days_ago=5)
    attend(accepted_place(expert=expert, paid=False), attendance="did_not_attend")
    long_ago = attended_unpaid_place(expert=expert, days_ago=400)

    response = coordinator_client.get(reverse("payments:claim_for_expert", args=[expert.pk]))

    assert response.status_code == 200
    listed = [place.pk for place, _, _ in response.context["rows"]]
    assert listed == [newer.pk, older.pk]
    assert long_ago.pk not in listed
    html = response.content.decode()
    assert form_url(newer) in html
    # 40 days ago is inside the 90-day deadline; a link, and the last day to claim.
    assert form_url(older) in html
    assert "Claim by" in html


def test_a_coordinator_claims_for_the_expert(coordinator_client, coordinator, place):
    response = coordinator_client.post(
        form_url(place),
        {
            **row(1, category="public_transport", amount="£12.50", receipt=png()),
            **row(2, category="mileage", miles="14", description="Car to the hospital"),
        },
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert response["Location"] == reverse("payments:claim_detail", args=[claim.pk])
    assert (claim.on_behalf, claim.submitted_by, claim.status) == (
        True,
        coordinator,
        ClaimStatus.SUBMITTED,
    )
    assert claim.total == Decimal("18.80")  # 12.50 + 14 miles at 45p
    bus, car = claim.lines.order_by("id")
    assert bus.receipt and bus.receipt_name == "ticket.png"
    assert (car.quantity, car.amount) == (Decimal("14.00"), Decimal("6.30"))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (row(amount="-5", category="public_transport"), "amount", "Amount must be more than £0"),
        (
            row(amount="99999999", category="public_transport"),
            "amount",
            "The amount must be less than £100,000",
        ),
        (
            row(amount="500", category="public_transport"),
            "amount",
            "Public transport (bus, train, tram) can be at most £60.00 for one claim",
        ),
        (row(amount="twelve", category="parking"), "amount", "Enter the amount as a number"),
        (
            row(amount="1.234", category="parking"),
            "amount",
            "no more than 2 numbers after the decimal point",
        ),
        (row(category="mileage", miles="500"), "miles", "Miles must be 200 or fewer"),
        (row(category="mileage"), "miles", "Enter how many miles you travelled"),
        (row(amount="20", category="taxi"), "agreed_by", "Enter who agreed the taxi beforehand"),
        (row(amount="5.00"), "category", "Choose the kind of expense"),
        ({}, "category", "Add at least one expense"),
    ],
)
def test_bad_input_gets_a_message_beside_its_field_and_nothing_is_saved(
    coordinator_client, place, data, field, message
):
    before = counts()

    response = coordinator_client.post(form_url(place), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert f'href="#id_expense_1_{field}"' in html  # the error summary links to the field
    error = html.split(f'id="id_expense_1_{field}-error"', 1)[1][:300]
    assert message in error.replace("&#39;", "'").replace("&amp;", "&")
    assert counts() == before


def test_what_was_typed_comes_back(coordinator_client, place):
    response = coordinator_client.post(
        form_url(place),
        {
            **row(1, category="public_transport", amount="twelve", description="Bus to town"),
            **row(2, category="parking", amount="3.50", receipt=png()),
        },
    )
    html = response.content.decode()
    assert 'value="twelve"' in html
    assert 'value="Bus to town"' in html
    assert 'value="3.50"' in html
    assert "Choose the receipt again" in html


def test_one_bad_row_saves_none_of_the_rows(coordinator_client, place):
    before = counts()
    response = coordinator_client.post(
        form_url(place),
        {
            **row(1, category="public_transport", amount="4.00"),
            **row(2, category="subsistence", amount="50"),
        },
    )
    assert response.status_code == 400
    assert "Expense 2: Food and drink (subsistence) can be at most £10.00" in (
        response.content.decode()
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.txt", b"not a receipt", content_type="text/plain"),
            "The receipt must be a photo (JPEG or PNG) or a PDF",
        ),
        (
            SimpleUploadedFile(
                "huge.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024), content_type="application/pdf"
            ),
            "The receipt must be smaller than 5 MB",
        ),
    ],
    ids=["text-file", "six-megabytes"],
)
def test_a_bad_receipt_is_refused_beside_the_file_field(coordinator_client, place, upload, message):
    before = counts()
    response = coordinator_client.post(
        form_url(place), row(category="parking", amount="4.00", receipt=upload)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html.split('id="id_expense_1_receipt-error"', 1)[1][:300]
    assert counts() == before


def test_a_session_the_expert_did_not_attend_cannot_be_claimed_for(coordinator_client):
    place = attend(accepted_place(paid=False), attendance="did_not_attend")
    before = counts()

    shown = coordinator_client.get(form_url(place))
    response = coordinator_client.post(
        form_url(place), row(category="public_transport", amount="4.00")
    )

    assert "is not recorded as attending this meeting" in shown.content.decode()
    assert response.status_code == 400
    assert "Expenses can only be claimed for a meeting the expert attended" in (
        response.content.decode()
    )
    assert counts() == before


def test_a_claim_after_the_policy_deadline_is_refused(coordinator_client):
    place = attended_unpaid_place(days_ago=100)  # the policy allows 90 days
    before = counts()

    listing = coordinator_client.get(reverse("payments:claim_for_expert", args=[place.expert_id]))
    response = coordinator_client.post(
        form_url(place), row(category="public_transport", amount="4.00")
    )

    assert "The last day to claim was" in listing.content.decode()
    assert form_url(place) not in listing.content.decode()
    assert response.status_code == 400
    assert "The last day to claim for this meeting was" in response.content.decode()
    assert counts() == before


def test_another_expert_s_session_is_not_found(coordinator_client, place):
    other = ExpertFactory()
    url = reverse("payments:claim_for_expert_session", args=[other.pk, place.pk])
    assert coordinator_client.get(url).status_code == 404


def test_finance_cannot_claim_on_an_expert_s_behalf(finance_client, place):
    assert finance_client.get(form_url(place)).status_code == 403
    assert (
        finance_client.post(form_url(place), row(category="parking", amount="4")).status_code == 403
    )


def test_the_sessions_list_takes_as_many_queries_for_many_sessions_as_for_few(
    coordinator_client,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    expert = ExpertFactory()
    url = reverse("payments:claim_for_expert", args=[expert.pk])

    def queries() -> int:
        coordinator_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(url).status_code == 200
        return len(captured)

    attended_unpaid_place(expert=expert)
    few = queries()
    for days in range(2, 14):
        attended_unpaid_place(expert=expert, days_ago=days)
    assert queries() == few
