"""One answer to "what will this pay?": whatever the policy, the work and the session, what the
expert is promised (the invitation email and answer page, the calendar entry, the opportunity
page, the budget's commitment) is what the claim made from attendance pays."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from coproduce.core.formats import money
from coproduce.core.periods import financial_year_of
from coproduce.opportunities.choices import Attendance, Kind
from coproduce.opportunities.ics import description
from coproduce.opportunities.notify import Details
from coproduce.opportunities.services.attendance import AttendanceEntry, record_attendance
from coproduce.payments.choices import ClaimKind, RateUnit
from coproduce.payments.models import Claim
from coproduce.payments.queries.budgets import budget_report
from coproduce.payments.queries.fees import session_hours
from coproduce.payments.queries.work_pay import pay_of
from coproduce.people.choices import PaymentPreference
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    PolicyFactory,
    RateFactory,
    SessionFactory,
    UserFactory,
)

amounts = st.decimals(min_value="0.01", max_value="500", places=2)
policies = st.fixed_dictionaries(
    {
        "unit": st.sampled_from(list(RateUnit.values)),
        "amount": amounts,
        "has_rate": st.booleans(),
        "allows_agreed_rates": st.booleans(),
        "half_day_hours": st.sampled_from([Decimal("3"), Decimal("3.5"), Decimal("4")]),
        "day_hours": st.sampled_from([Decimal("7"), Decimal("7.5"), Decimal("8")]),
    }
)
works = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(list(Kind.values)),
        "agreed": st.one_of(st.none(), amounts),
        # Quarter hours from 15 minutes to 9 hours.
        "quarters": st.integers(min_value=1, max_value=36),
    }
)


class PromiseIsPaymentTest(TestCase):
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(policy=policies, work=works)
    def test_the_amount_promised_is_the_amount_claimed(self, policy, work):
        lead = UserFactory()
        starts = (timezone.now() - timedelta(days=2)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        made = PolicyFactory(
            effective_from=timezone.localdate(starts) - timedelta(days=30),
            half_day_hours=policy["half_day_hours"],
            day_hours=policy["day_hours"],
            allows_agreed_rates=policy["allows_agreed_rates"],
            created_by=lead,
        )
        if policy["has_rate"]:
            RateFactory(
                policy=made, kind=work["kind"], unit=policy["unit"], amount=policy["amount"]
            )
        opportunity = OpportunityFactory(paid=True, kind=work["kind"], hourly_rate=work["agreed"])
        session = SessionFactory(
            opportunity=opportunity,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=15 * work["quarters"]),
        )
        expert = ExpertFactory(payment_preference=PaymentPreference.PAID)
        invitation = InvitationFactory(session=session, expert=expert, status="accepted")

        # What the expert and the team are told before the meeting.
        promised = Details(invitation).payment
        calendar_entry = description(session)
        on_the_page = pay_of(opportunity, [session]).by_session[session.pk]
        year = financial_year_of(timezone.localdate(starts))
        committed = budget_report(year, team_id=opportunity.team_id).total.committed

        record_attendance(
            actor=lead,
            session=session,
            entries=[
                AttendanceEntry(
                    invitation_id=invitation.pk,
                    attendance=Attendance.ATTENDED,
                    hours=session_hours(session),
                )
            ],
        )
        claim = Claim.objects.filter(invitation=invitation, kind=ClaimKind.INVOLVEMENT).first()

        if claim is None:
            # Nothing sets a rate (or a penny rate rounds to nothing): nothing is claimed, and
            # nothing more than nothing was promised.
            if on_the_page is None:
                assert "will tell you how much" in promised
            else:
                assert on_the_page.amount == 0
                assert promised.startswith("£0.00 for this meeting")
            assert committed == 0
            return
        amount = money(claim.total)
        assert on_the_page is not None and on_the_page.amount == claim.total
        assert promised.startswith(f"{amount} for this meeting")
        assert f"Payment: {amount} for this meeting" in calendar_entry
        assert committed == claim.total
        line = claim.lines.get()
        assert line.description.endswith(on_the_page.words)
