"""What a piece of work pays, for the pages about it: each session's fee (fees.fee_for's
answer, from one FeeTable) and what the reviewer of a request should check about its rate."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from coproduce.core.formats import money
from coproduce.opportunities.choices import Kind
from coproduce.payments.calculations import Fee, rate_words
from coproduce.payments.choices import RateUnit
from coproduce.payments.models import Policy, Rate
from coproduce.payments.queries.fees import FeeTable

# An agreed hourly rate more than this many times the policy's is flagged to the reviewer.
FAR_ABOVE = Decimal("2")


@dataclass(frozen=True)
class WorkPay:
    """The pay for one piece of work: `by_session` maps each session's id to one expert's fee
    (None where nothing sets a rate), and `summary` says it in one line."""

    paid: bool
    by_session: dict[int, Fee | None]
    summary: str


@dataclass(frozen=True)
class PayWarning:
    title: str
    why: str


def _hourly(rate: Rate, policy: Policy) -> Decimal:
    """A policy rate as pounds an hour, so rates paid by the half day or day compare."""
    hours = {
        RateUnit.HOUR: Decimal(1),
        RateUnit.HALF_DAY: policy.half_day_hours,
        RateUnit.DAY: policy.day_hours,
    }[RateUnit(rate.unit)]
    return rate.amount / hours


def _summary(paid: bool, fees: list[Fee | None]) -> str:
    if not paid:
        return "No, expenses only"
    known = [f for f in fees if f is not None]
    if not known:
        return "Yes, but no rate is set: the payment policy has none for this type of work"
    terms = list(dict.fromkeys(f"{f.rate_words} ({f.source_words})" for f in known))
    words = "; ".join(terms)
    if len(terms) > 1:
        words += ", by the date of each session"
    return f"Yes, {words}"


def pay_of(opportunity, sessions, *, prices: FeeTable | None = None) -> WorkPay:
    """Each session's fee for one expert, and the rate in words, for the opportunity pages."""
    prices = prices or FeeTable()
    by_session = {s.pk: prices.fee_for(opportunity, s) for s in sessions}
    if not sessions and opportunity.paid:
        # No sessions yet: what it would pay today, per hour or unit.
        today = prices.fee(
            kind=opportunity.kind,
            hourly_rate=opportunity.hourly_rate,
            day=timezone.localdate(),
            hours=Decimal(1),
        )
        return WorkPay(True, {}, _summary(True, [today]))
    return WorkPay(
        opportunity.paid, by_session, _summary(opportunity.paid, list(by_session.values()))
    )


def pay_warnings(opportunity, sessions, *, prices: FeeTable | None = None) -> list[PayWarning]:
    """What the reviewer of a request should check about its pay: an agreed hourly rate far
    above the policy's, or one the policy will not pay."""
    if not opportunity.paid:
        return []
    prices = prices or FeeTable()
    days = [timezone.localdate(s.starts_at) for s in sessions] or [timezone.localdate()]
    found: list[PayWarning] = []
    agreed = opportunity.hourly_rate
    for day in sorted(set(days)):
        warning = _warning_on(opportunity, agreed, prices, day)
        if warning is not None and warning not in found:
            found.append(warning)
    return found


def _warning_on(opportunity, agreed, prices: FeeTable, day: date) -> PayWarning | None:
    policy = prices.policy_on(day)
    if policy is None:
        if agreed is None:
            return PayWarning(
                "No rate is set",
                "There is no payment policy for the date of the sessions and the request gives "
                "no hourly rate, so experts cannot be told what they will be paid.",
            )
        return None
    kind = opportunity.get_kind_display().lower()
    rate = prices.rates.get((policy.pk, opportunity.kind))
    if agreed is None:
        if rate is None:
            return PayWarning(
                "No rate is set",
                f"The payment policy has no rate for {kind} and the request gives no hourly "
                "rate, so experts cannot be told what they will be paid.",
            )
        return None
    if rate is not None and not policy.allows_agreed_rates:
        return PayWarning(
            "The rate asked for will not be paid",
            f"The request asks for {money(agreed)} an hour, but the payment policy pays "
            f"{rate_words(rate.unit, rate.amount)} for {kind} and does not allow agreed rates. "
            f"Experts will be told, and paid, {rate_words(rate.unit, rate.amount)}.",
        )
    rates = (
        [rate] if rate is not None else [r for (p, _), r in prices.rates.items() if p == policy.pk]
    )
    if not rates:
        return None
    usual = max(_hourly(r, policy) for r in rates)
    if agreed > usual * FAR_ABOVE:
        compared = (
            f"the policy's rate for {kind}, {rate_words(rate.unit, rate.amount)}"
            if rate is not None
            else f"the highest rate in the payment policy, {money(usual)} an hour"
        )
        return PayWarning(
            "The hourly rate is far above the payment policy's",
            f"The request asks for {money(agreed)} an hour: more than "
            f"{FAR_ABOVE.normalize():f} times {compared}. Check the amount with the requester "
            "before you approve it.",
        )
    return None


def _kind_words(kind: str) -> str:
    return Kind(kind).label.lower()


class RequestTerms:
    """What the request form says about pay and checks: the policies in force today and
    later (FeeTable), so a request is told the rate its sessions' dates will pay."""

    def __init__(self, prices: FeeTable | None = None) -> None:
        self.prices = prices or FeeTable()
        today = timezone.localdate()
        current = self.prices.policy_on(today)
        self.policies = [
            p for p in self.prices.policies if current is None or p.effective_from >= today
        ]
        if current is not None and current not in self.policies:
            self.policies.append(current)
        self.current = current

    def _rate(self, policy: Policy | None, kind: str) -> Rate | None:
        return self.prices.rates.get((policy.pk, kind)) if policy else None

    @property
    def agreed_rate_matters(self) -> bool:
        """Whether an agreed hourly rate can ever be paid: some policy (now or to come) allows
        one, or leaves a type of work without a rate, or there is no policy."""
        if not self.policies:
            return True
        return any(
            p.allows_agreed_rates or any(self._rate(p, k) is None for k in Kind.values)
            for p in self.policies
        )

    def paid_hint(self) -> str:
        """The policy's rates in one sentence, grouped: what paid work pays."""
        policy = self.current
        if policy is None:
            return "There is no payment policy yet: paid work is paid the hourly rate agreed for it"
        groups: dict[str, list[str]] = {}
        for kind in Kind.values:
            rate = self._rate(policy, kind)
            if rate is not None:
                groups.setdefault(rate_words(rate.unit, rate.amount), []).append(kind)
        if not groups:
            return (
                "The payment policy sets no rates: paid work is paid the hourly rate agreed for it"
            )
        common = max(groups, key=lambda words: len(groups[words]))
        parts = [
            f"{', '.join(_kind_words(k) for k in kinds)} {words}"
            for words, kinds in groups.items()
            if words != common or len(groups[common]) < 3
        ]
        if len(groups[common]) >= 3:
            parts.append(f"other work {common}")
        return f"The payment policy pays {'; '.join(parts)}"

    def rate_hint(self) -> str:
        policy = self.current
        if policy is not None and policy.allows_agreed_rates:
            return (
                "Only if a different rate has been agreed for this work. Leave it empty to pay "
                "the payment policy's rate. For example, 25.00"
            )
        return "Only for types of work the payment policy has no rate for. For example, 25.00"

    def problem(self, *, kind: str, agreed: Decimal | None, day: date) -> str:
        """What is wrong with the rate asked for paid work of `kind` on `day`, or ""."""
        policy = self.prices.policy_on(day)
        rate = self._rate(policy, kind)
        if agreed is None and (policy is None or rate is None):
            if policy is None:
                return "Enter the hourly rate agreed for this work: there is no payment policy yet"
            return (
                "Enter the hourly rate agreed for this work: the payment policy has no rate "
                f"for {_kind_words(kind)}"
            )
        # (A rate is only ever found under a policy.)
        if (
            agreed is not None
            and rate is not None
            and policy is not None
            and not policy.allows_agreed_rates
        ):
            return (
                "Leave the hourly rate empty: the payment policy pays "
                f"{rate_words(rate.unit, rate.amount)} for {_kind_words(kind)}"
            )
        return ""
