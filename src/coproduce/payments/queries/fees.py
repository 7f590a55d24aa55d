"""The policy in force on a day, and what a session pays under it."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.core.formats import money
from coproduce.core.money import ZERO, pounds
from coproduce.payments.calculations import Fee, fee
from coproduce.payments.choices import FeeChoice, RateUnit
from coproduce.payments.models import ExpenseRule, Policy, Rate


def policy_on(day: date) -> Policy | None:
    """The policy in force on `day`: the latest to start on or before it."""
    return Policy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def current_policy() -> Policy | None:
    return policy_on(timezone.localdate())


def rate_for(policy: Policy | None, kind: str) -> Rate | None:
    if policy is None:
        return None
    return Rate.objects.filter(policy=policy, kind=kind).first()


def expense_rules(policy: Policy | None) -> dict[str, ExpenseRule]:
    if policy is None:
        return {}
    return {rule.category: rule for rule in policy.expense_rules.all()}


def session_hours(session) -> Decimal:
    seconds = Decimal((session.ends_at - session.starts_at).total_seconds())
    return pounds(seconds / Decimal(3600))


def fee_under(
    policy: Policy | None, rate: Rate | None, *, agreed_rate: Decimal | None, hours: Decimal
) -> Fee | None:
    """The one answer to "what does this pay?", for `hours` of paid work: the policy's rate
    for its type of involvement, unless the work has an agreed hourly rate and the policy
    allows agreed rates (or sets no rate for this type). None when nothing sets a rate.
    Every page, email, calendar entry, budget and claim comes here, through fee_for or
    FeeTable."""
    if agreed_rate is not None and (rate is None or policy is None or policy.allows_agreed_rates):
        return fee(unit=RateUnit.HOUR, rate=agreed_rate, hours=hours, agreed=True)
    if rate is None or policy is None:
        return None
    return fee(
        unit=rate.unit,
        rate=rate.amount,
        hours=hours,
        half_day_hours=policy.half_day_hours,
        day_hours=policy.day_hours,
    )


def fee_for(opportunity, session, *, hours: Decimal | None = None) -> Fee | None:
    """The fee for one expert at one session of a paid opportunity, under the policy in force
    on the session's date (see fee_under). `hours` defaults to the session's length."""
    if not opportunity.paid:
        return None
    hours = session_hours(session) if hours is None else hours
    policy = policy_on(timezone.localdate(session.starts_at))
    rate = rate_for(policy, opportunity.kind)
    return fee_under(policy, rate, agreed_rate=opportunity.hourly_rate, hours=hours)


def takes_no_fee(choice: str | None) -> bool:
    """Whether the expert's choice for a place (FeeDecision.choice, or None) is to take
    nothing for their time."""
    return choice in (FeeChoice.EXPENSES_ONLY, FeeChoice.DECLINED)


def after_choice(amount: Decimal, choice: str | None, reduced_amount: Decimal | None) -> Decimal:
    """What a place pays once the expert's choice is applied to its fee `amount`: nothing for
    expenses only or no payment, the reduced amount when it is less, else the fee. The one
    answer for the payment attendance makes, budgets and the benefits guard."""
    if takes_no_fee(choice):
        return ZERO
    if choice == FeeChoice.REDUCED and reduced_amount is not None:
        return min(amount, pounds(reduced_amount))
    return amount


def after_decision(amount: Decimal, decision) -> Decimal:
    """after_choice for a FeeDecision, or None when the expert has chosen nothing."""
    if decision is None:
        return amount
    return after_choice(amount, decision.choice, decision.reduced_amount)


def pay_words(fee: Fee | None, *, paid: bool = True) -> str:
    """What one expert is paid for a meeting, in the words every page and email uses."""
    if not paid:
        return "This is not paid. You can claim expenses"
    if fee is None:
        return "This is paid. The involvement team will tell you how much"
    return f"{money(fee.amount)} for this meeting ({fee.words})"


class FeeTable:
    """Every policy and its rates, read once (two queries), to work out many fees without
    asking the database for each: for budgets, the benefits guard, the shortlist and the
    expert's pages. Gives the same answers as policy_on and fee_for."""

    def __init__(self) -> None:
        self.policies = list(Policy.objects.order_by("-effective_from"))
        self.rates: dict[tuple[int, str], Rate] = {
            (rate.policy_id, rate.kind): rate for rate in Rate.objects.all()
        }

    def policy_on(self, day: date) -> Policy | None:
        return next((p for p in self.policies if p.effective_from <= day), None)

    def fee(
        self,
        *,
        kind: str,
        hourly_rate: Decimal | None,
        day: date,
        hours: Decimal,
    ) -> Fee | None:
        """The fee for paid work of this kind on `day`, as fee_for works it out."""
        policy = self.policy_on(day)
        rate = self.rates.get((policy.pk, kind)) if policy else None
        return fee_under(policy, rate, agreed_rate=hourly_rate, hours=hours)

    def fee_for(self, opportunity, session, *, hours: Decimal | None = None) -> Fee | None:
        """As fee_for(), without a query."""
        if not opportunity.paid:
            return None
        return self.fee(
            kind=opportunity.kind,
            hourly_rate=opportunity.hourly_rate,
            day=timezone.localdate(session.starts_at),
            hours=session_hours(session) if hours is None else hours,
        )

    def claim_deadline(self, session) -> date | None:
        """The last day expenses can be claimed for the session, or None with no policy."""
        day = timezone.localdate(session.starts_at)
        policy = self.policy_on(day)
        return None if policy is None else day + timedelta(days=policy.claim_deadline_days)
