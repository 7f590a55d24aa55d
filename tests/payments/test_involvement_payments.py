"""Attendance at paid work makes one involvement payment per place, at the rate in force on
the session's date, however often attendance is saved or corrected."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coproduce.opportunities.services.attendance import AttendanceError
from coproduce.payments.choices import ClaimKind, ClaimStatus, FeeChoice, RateUnit
from coproduce.payments.models import Claim
from coproduce.payments.services.decisions import record_fee_choice
from coproduce.payments.services.runs import create_payment_run
from coproduce.people.choices import PaymentPreference
from tests.factories import ExpertFactory, UserFactory
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db


def payments_for(invitation):
    return list(Claim.objects.filter(invitation=invitation, kind=ClaimKind.INVOLVEMENT))


def test_attending_paid_work_makes_one_payment_at_the_policy_rate():
    make_policy(hourly=Decimal("15.00"))
    place = attend(accepted_place(), hours="2.5")
    (claim,) = payments_for(place)
    assert claim.total == Decimal("37.50")
    assert claim.status == ClaimStatus.CHECKED
    assert claim.session_date == timezone.localdate(place.session.starts_at)
    line = claim.lines.get()
    assert (line.quantity, line.unit_rate, line.amount) == (
        Decimal("2.50"),
        Decimal("15.00"),
        Decimal("37.50"),
    )


def test_saving_attendance_again_does_not_make_a_second_payment():
    make_policy()
    place = attend(accepted_place(), hours="2")
    attend(place, hours="2")
    attend(place, hours="2")
    assert len(payments_for(place)) == 1


def test_correcting_hours_adjusts_an_unpaid_payment_and_needs_approval_again():
    make_policy(hourly=Decimal("10.00"))
    place = attend(accepted_place(), hours="2")
    attend(place, hours="3")
    (claim,) = payments_for(place)
    assert claim.total == Decimal("30.00")
    assert claim.lines.get().amount == Decimal("30.00")


def test_correcting_to_did_not_attend_withdraws_the_payment_and_back_again_revives_it():
    make_policy(hourly=Decimal("10.00"))
    place = attend(accepted_place(), hours="2")
    attend(place, attendance="did_not_attend")
    (claim,) = payments_for(place)
    assert claim.status == ClaimStatus.WITHDRAWN
    attend(place, hours="1")
    (claim,) = payments_for(place)
    assert (claim.status, claim.total) == (ClaimStatus.CHECKED, Decimal("10.00"))


def test_a_correction_to_a_paid_payment_is_refused_and_nothing_changes():
    make_policy(hourly=Decimal("10.00"))
    expert = ExpertFactory(payee_reference="P123")
    place = attend(accepted_place(expert=expert), hours="2")
    claim = payments_for(place)[0]
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.APPROVED)
    create_payment_run(actor=UserFactory(role="finance"))
    with pytest.raises(AttendanceError, match="already been paid £20.00"):
        attend(place, hours="3")
    place.refresh_from_db()
    assert place.hours == Decimal("2.00")
    assert payments_for(place)[0].total == Decimal("20.00")


def test_old_sessions_keep_the_rate_of_their_date_after_a_new_policy():
    make_policy(hourly=Decimal("10.00"))
    make_policy(effective_from=timezone.localdate() - timedelta(days=1), hourly=Decimal("20.00"))
    old = attend(accepted_place(days_ago=10), hours="1")
    new = attend(accepted_place(days_ago=0), hours="1")
    assert payments_for(old)[0].total == Decimal("10.00")
    assert payments_for(new)[0].total == Decimal("20.00")


def test_day_rates_pay_whole_days():
    make_policy(hourly=Decimal("100.00"), unit=RateUnit.DAY, kind="investigation")
    place = attend(accepted_place(kind="investigation"), hours="3")
    assert payments_for(place)[0].total == Decimal("100.00")


@pytest.mark.parametrize(
    "preference", [PaymentPreference.EXPENSES_ONLY, PaymentPreference.VOLUNTEER]
)
def test_experts_who_do_not_want_paying_get_no_payment(preference):
    make_policy()
    place = attend(accepted_place(expert=ExpertFactory(payment_preference=preference)))
    assert payments_for(place) == []


def test_unpaid_work_makes_no_payment():
    make_policy()
    assert payments_for(attend(accepted_place(paid=False))) == []


def test_the_experts_choice_of_expenses_only_or_a_reduced_fee_is_applied():
    make_policy(hourly=Decimal("15.00"))
    actor = UserFactory(role="coordinator")
    declined = accepted_place()
    record_fee_choice(actor=actor, invitation=declined, choice=FeeChoice.EXPENSES_ONLY)
    assert payments_for(attend(declined)) == []
    reduced = accepted_place()
    record_fee_choice(
        actor=actor, invitation=reduced, choice=FeeChoice.REDUCED, reduced_amount=Decimal("12.34")
    )
    assert payments_for(attend(reduced, hours="2"))[0].total == Decimal("12.34")


def test_without_a_policy_rate_the_opportunitys_agreed_hourly_rate_is_paid():
    make_policy(kind="committee")  # no rate for workshops
    place = attend(accepted_place(), hours="2")  # the opportunity agreed £12 an hour
    assert payments_for(place)[0].total == Decimal("24.00")


def test_the_attendance_page_lists_the_payments_it_made(coordinator_client):
    from django.urls import reverse

    make_policy(hourly=Decimal("15.00"))
    place = attend(accepted_place(expert=ExpertFactory(full_name="Ada Lovelace")), hours="2")
    claim = payments_for(place)[0]
    html = coordinator_client.get(
        reverse("opportunities:session_attendance", args=[place.session_id])
    ).content.decode()
    assert "Payments for their time" in html
    assert reverse("payments:claim_detail", args=[claim.pk]) in html
    assert "Ada Lovelace: £30.00" in html
