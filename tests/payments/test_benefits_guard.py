"""The benefits guard totals an expert's involvement payments in each benefits period by
session date, never counting expenses, and warns when a fee would pass the declared limit."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.core.periods import week_of
from coproduce.payments.choices import ClaimKind, ClaimStatus, FeeChoice
from coproduce.payments.models import Claim, PaymentRun
from coproduce.payments.queries.benefits import (
    BenefitsWarning,
    ExpensesOnlyWarning,
    check,
    earned_in,
    earnings_in,
    earnings_near,
)
from coproduce.payments.services.decisions import record_fee_choice
from tests.factories import ExpertFactory, InvitationFactory, SessionFactory, UserFactory
from tests.payments.helpers import make_policy, past_session

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 16)


def claim(expert, on: date, amount: str, *, kind=ClaimKind.INVOLVEMENT, status="approved"):
    place = InvitationFactory(expert=expert, status="accepted")
    run = None
    if status == ClaimStatus.PAID:
        run = PaymentRun.objects.create(reference=f"PR-T{place.pk}", paid_on=on)
    return Claim.objects.create(
        payment_run=run,
        expert=expert,
        invitation=place,
        kind=kind,
        status=status,
        session_date=on,
        team=place.session.opportunity.team,
        total=Decimal(amount),
        submitted_at=timezone.now(),
    )


def weekly(limit="40.00"):
    return ExpertFactory(benefits_declaration="weekly", earnings_limit=Decimal(limit))


def test_only_involvement_payments_in_the_week_count_by_session_date():
    expert = weekly()
    claim(expert, MONDAY, "10.00")
    claim(expert, MONDAY + timedelta(days=6), "5.00", status="paid")  # Sunday: same week
    claim(expert, MONDAY + timedelta(days=7), "99.00")  # next Monday
    claim(expert, MONDAY, "99.00", kind=ClaimKind.EXPENSES)  # expenses never count
    claim(expert, MONDAY, "99.00", status=ClaimStatus.REJECTED)
    claim(expert, MONDAY, "99.00", status=ClaimStatus.WITHDRAWN)
    assert earnings_in(expert, week_of(MONDAY)) == Decimal("15.00")


def test_a_fee_that_passes_the_limit_warns_with_the_figures_and_one_that_meets_it_does_not():
    expert = weekly("40.00")
    claim(expert, MONDAY, "25.00")
    assert check(expert, day=MONDAY + timedelta(days=2), fee=Decimal("15.00")) is None
    warning = check(expert, day=MONDAY + timedelta(days=2), fee=Decimal("15.01"))
    assert isinstance(warning, BenefitsWarning)
    assert warning.over_by == Decimal("0.01") and warning.room == Decimal("15.00")
    assert "over the declared limit of £40.00 by £0.01" in warning.words
    assert "Monday 16 November 2026 to Sunday 22 November 2026" in warning.words


def test_a_monthly_assessment_period_starts_on_the_declared_day():
    expert = ExpertFactory(
        benefits_declaration="monthly",
        earnings_limit=Decimal("100.00"),
        assessment_period_start_day=20,
    )
    claim(expert, date(2026, 11, 19), "90.00")  # the period before
    claim(expert, date(2026, 11, 20), "60.00")
    assert check(expert, day=date(2026, 12, 19), fee=Decimal("40.00")) is None
    assert check(expert, day=date(2026, 12, 19), fee=Decimal("40.01")) is not None


def test_accepted_places_at_paid_sessions_count_before_attendance_unless_declined():
    make_policy(hourly=Decimal("10.00"))
    expert = weekly("40.00")
    starts = timezone.now() + timedelta(days=7)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=3))
    session.opportunity.paid, session.opportunity.hourly_rate = True, Decimal("10.00")
    session.opportunity.save()
    place = InvitationFactory(session=session, expert=expert, status="accepted")
    week = week_of(timezone.localdate(starts))
    assert earnings_in(expert, week) == Decimal("30.00")
    assert earned_in(earnings_near(timezone.localdate(starts))[expert.pk], week) == Decimal("30.00")
    record_fee_choice(
        actor=UserFactory(role="coordinator"), invitation=place, choice=FeeChoice.EXPENSES_ONLY
    )
    assert earnings_in(expert, week) == Decimal("0.00")
    assert earnings_near(timezone.localdate(starts)).get(expert.pk, []) == []


def test_an_expert_who_said_any_payment_affects_benefits_is_always_warned():
    expert = ExpertFactory(benefits_declaration="expenses_only")
    warning = check(expert, day=MONDAY, fee=Decimal("1.00"))
    assert isinstance(warning, ExpensesOnlyWarning)
    assert check(expert, day=MONDAY, fee=None) is None


def test_no_declaration_no_warning():
    assert check(ExpertFactory(), day=MONDAY, fee=Decimal("1000.00")) is None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    payments=st.lists(
        st.tuples(
            st.integers(min_value=-10, max_value=16),
            st.decimals(min_value=0, max_value=300, places=2),
        ),
        max_size=8,
    )
)
def test_weekly_totals_match_adding_up_by_hand(payments):
    with transaction.atomic():
        expert = weekly()
        for offset, amount in payments:
            claim(expert, MONDAY + timedelta(days=offset), str(amount))
        week = week_of(MONDAY)
        by_hand = sum((amount for offset, amount in payments if 0 <= offset <= 6), Decimal("0.00"))
        assert earnings_in(expert, week) == by_hand
        near = earnings_near(MONDAY + timedelta(days=3)).get(expert.pk, [])
        assert earned_in(near, week) == by_hand
        transaction.set_rollback(True)


def test_the_past_session_helper_is_in_the_past():
    assert past_session().starts_at < timezone.now()


def test_every_claim_status_is_either_counted_or_not():
    from coproduce.payments.choices import COUNTED_STATUSES, NOT_COUNTED_STATUSES

    assert set(COUNTED_STATUSES) | set(NOT_COUNTED_STATUSES) == set(ClaimStatus.values)
    assert not set(COUNTED_STATUSES) & set(NOT_COUNTED_STATUSES)
