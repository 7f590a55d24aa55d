"""What a request says about pay, and what it checks: the payment policy in force on the first
session's date sets the rate; an agreed hourly rate is asked for only where the policy can pay
it; a rate far above the policy's, or one it will not pay, is flagged to the reviewer."""

import html
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.opportunities.choices import Kind
from coproduce.opportunities.models import Opportunity
from coproduce.payments.choices import RateUnit
from coproduce.payments.models import Policy
from tests.factories import (
    OpportunityFactory,
    PolicyFactory,
    RateFactory,
    SessionFactory,
    TeamFactory,
)
from tests.opportunities.test_requests import valid_request

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def policy(*, agreed: bool = False, every_kind: bool = True, starts=date(2025, 4, 1)) -> Policy:
    made = PolicyFactory(effective_from=starts, allows_agreed_rates=agreed)
    kinds = Kind.values if every_kind else [Kind.WORKSHOP, Kind.INTERVIEW_PANEL]
    for kind in kinds:
        unit, amount = (
            (RateUnit.HALF_DAY, Decimal("49.50"))
            if kind == Kind.INTERVIEW_PANEL
            else (RateUnit.HOUR, Decimal("16.50"))
        )
        RateFactory(policy=made, kind=kind, unit=unit, amount=amount)
    return made


@pytest.fixture
def team(db):
    return TeamFactory(name="Adult Social Care")


def test_when_the_policy_sets_every_rate_the_form_says_them_and_asks_for_no_rate(
    coordinator_client, team
):
    policy()
    page = text(coordinator_client.get(reverse("opportunities:request_new")))
    assert (
        "The payment policy pays interview panel £49.50 a half day; other work £16.50 an hour"
        in page
    )
    assert 'name="hourly_rate"' not in page
    response = coordinator_client.post(
        reverse("opportunities:request_new"), valid_request(team, kind="workshop")
    )
    assert response.status_code == 302
    assert Opportunity.objects.get().hourly_rate is None


def test_a_rate_the_policy_will_not_pay_is_refused_beside_the_field(coordinator_client, team):
    policy(every_kind=False)  # the field is shown: some types of work have no rate
    response = coordinator_client.post(
        reverse("opportunities:request_new"),
        valid_request(team, kind="workshop", hourly_rate="25.00"),
    )
    assert response.status_code == 200
    assert (
        "Leave the hourly rate empty: the payment policy pays £16.50 an hour for workshop"
        in text(response)
    )
    assert 'value="25.00"' in response.content.decode()


def test_work_the_policy_has_no_rate_for_needs_the_agreed_rate(coordinator_client, team):
    policy(every_kind=False)
    url = reverse("opportunities:request_new")
    response = coordinator_client.post(url, valid_request(team, kind="focus_group", hourly_rate=""))
    assert (
        "Enter the hourly rate agreed for this work: the payment policy has no rate for focus group"
        in text(response)
    )
    response = coordinator_client.post(
        url, valid_request(team, kind="focus_group", hourly_rate="20")
    )
    assert response.status_code == 302
    assert Opportunity.objects.get().hourly_rate == Decimal("20.00")


def test_where_the_policy_allows_agreed_rates_one_may_be_given_or_left_out(
    coordinator_client, team
):
    policy(agreed=True)
    url = reverse("opportunities:request_new")
    assert "Only if a different rate has been agreed" in text(coordinator_client.get(url))
    assert coordinator_client.post(url, valid_request(team, hourly_rate="")).status_code == 302
    assert coordinator_client.post(url, valid_request(team, hourly_rate="25")).status_code == 302
    assert sorted(Opportunity.objects.values_list("hourly_rate", flat=True), key=str) == [
        Decimal("25.00"),
        None,
    ]


def test_an_absurd_rate_is_refused(coordinator_client, team):
    policy(agreed=True)
    response = coordinator_client.post(
        reverse("opportunities:request_new"), valid_request(team, hourly_rate="9999")
    )
    assert "The hourly rate must be £1,000.00 or less" in text(response)


def test_the_rate_is_checked_against_the_policy_on_the_first_sessions_date(
    coordinator_client, team
):
    policy(agreed=False)
    policy(agreed=True, starts=date(2026, 3, 10))  # in force from the 10th
    url = reverse("opportunities:request_new")
    before = valid_request(team, hourly_rate="25", first_date="9/3/2026")
    assert "Leave the hourly rate empty" in text(coordinator_client.post(url, before))
    after = valid_request(team, hourly_rate="25", first_date="17/3/2026")
    assert coordinator_client.post(url, after).status_code == 302


def _request(**fields) -> Opportunity:
    opportunity = OpportunityFactory(status="requested", paid=True, **fields)
    starts = NOW + timedelta(days=14)
    SessionFactory(opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2))
    return opportunity


def test_the_reviewer_is_warned_of_a_rate_far_above_the_policys(lead_client):
    policy(agreed=True)
    opportunity = _request(kind="workshop", hourly_rate=Decimal("9999.00"))
    page = text(lead_client.get(reverse("opportunities:request_review", args=[opportunity.pk])))
    assert "Check the payment" in page
    assert (
        "The request asks for £9,999.00 an hour: more than 2 times the policy's rate for "
        "workshop, £16.50 an hour" in page
    )
    # The pay shown is the one experts will get: here the agreed rate, as the policy allows.
    assert "£19,998.00" in page


def test_the_reviewer_is_told_when_the_rate_asked_for_will_not_be_paid(lead_client):
    policy(agreed=False)
    opportunity = _request(kind="workshop", hourly_rate=Decimal("25.00"))
    page = text(lead_client.get(reverse("opportunities:request_review", args=[opportunity.pk])))
    assert "The rate asked for will not be paid" in page
    assert "Experts will be told, and paid, £16.50 an hour" in page
    assert "Yes, £16.50 an hour (the payment policy's rate)" in page
    assert "£33.00" in page and "2 hours at £16.50" in page


def test_a_fair_rate_raises_no_payment_warning(lead_client):
    policy(agreed=True)
    opportunity = _request(kind="workshop", hourly_rate=Decimal("25.00"))
    page = text(lead_client.get(reverse("opportunities:request_review", args=[opportunity.pk])))
    assert "Check the payment" not in page
    assert "Yes, £25.00 an hour (the rate agreed for this work)" in page


def test_many_staff_to_one_place_is_flagged_at_review(lead_client):
    policy()
    opportunity = _request(kind="workshop", places=1, staff_expected=20)
    page = text(lead_client.get(reverse("opportunities:request_review", args=[opportunity.pk])))
    assert "20 staff and 1 expert" in page
    assert "Fewer than two experts" in page
