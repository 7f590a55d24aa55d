"""The benefits guard's reading: what an expert has earned in the benefits period a session
falls in, and whether a fee would take them past the limit they declared.

Reimbursed expenses never count as earnings; involvement payments (vouchers included) do.
Earnings are counted by the session's date: claims not rejected or withdrawn, and places
accepted at paid sessions that have no claim yet, at their expected fee."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.formats import long_date, money
from coproduce.core.money import ZERO, pounds
from coproduce.core.periods import Period, assessment_period_of, week_of
from coproduce.opportunities.choices import Attendance, InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation
from coproduce.payments.calculations import total
from coproduce.payments.choices import COUNTED_STATUSES, NOT_COUNTED_STATUSES, ClaimKind, FeeChoice
from coproduce.payments.models import Claim
from coproduce.payments.queries.fees import (
    FeeTable,
    after_choice,
    after_decision,
    fee_for,
    takes_no_fee,
)
from coproduce.people.choices import BenefitsDeclaration, PaymentPreference


@dataclass(frozen=True)
class BenefitsWarning:
    period: Period
    limit: Decimal
    earned: Decimal  # already counted in the period, without this fee
    fee: Decimal

    @property
    def over_by(self) -> Decimal:
        return self.earned + self.fee - self.limit

    @property
    def room(self) -> Decimal:
        """The most this fee could be without passing the limit."""
        return max(ZERO, self.limit - self.earned)

    @property
    def words(self) -> str:
        return (
            f"This payment of {money(self.fee)} would take earnings for "
            f"{long_date(self.period.first)} to {long_date(self.period.last)} to "
            f"{money(self.earned + self.fee)}, over the declared limit of {money(self.limit)} "
            f"by {money(self.over_by)}."
        )


@dataclass(frozen=True)
class ExpensesOnlyWarning:
    """The expert declared that any payment could affect their benefits."""

    fee: Decimal

    @property
    def words(self) -> str:
        return (
            f"This expert has said any payment could affect their benefits. The fee would be "
            f"{money(self.fee)}."
        )


def period_for(expert, day: date) -> Period | None:
    if expert.benefits_declaration == BenefitsDeclaration.WEEKLY_LIMIT:
        return week_of(day)
    if (
        expert.benefits_declaration == BenefitsDeclaration.MONTHLY_LIMIT
        and expert.assessment_period_start_day
    ):
        return assessment_period_of(day, expert.assessment_period_start_day)
    return None


def committed_places(first: date, last: date) -> QuerySet[Invitation]:
    """Money promised but not yet claimed: accepted places at paid, scheduled sessions from
    `first` to `last` (both days included, UK time) with no attendance recorded, no
    involvement payment yet, and no choice to take no fee."""
    return (
        Invitation.objects.filter(
            status=InvitationStatus.ACCEPTED,
            attendance=Attendance.NOT_RECORDED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=local_midnight(first),
            session__starts_at__lt=day_after(last),
            session__opportunity__paid=True,
        )
        .exclude(claims__kind=ClaimKind.INVOLVEMENT)
        .exclude(fee_decision__choice__in=[FeeChoice.EXPENSES_ONLY, FeeChoice.DECLINED])
    )


def earnings_in(expert, period: Period, *, leave_out_invitation: int | None = None) -> Decimal:
    """Involvement payments counted in the period, by session date (two queries)."""
    claims = Claim.objects.filter(
        expert=expert,
        kind=ClaimKind.INVOLVEMENT,
        status__in=COUNTED_STATUSES,
        session_date__range=(period.first, period.last),
    )
    if leave_out_invitation:
        claims = claims.exclude(invitation_id=leave_out_invitation)
    earned = claims.aggregate(sum=Sum("total"))["sum"] or ZERO
    accepted = (
        committed_places(period.first, period.last)
        .filter(expert=expert)
        .select_related("session__opportunity", "fee_decision")
    )
    if leave_out_invitation:
        accepted = accepted.exclude(pk=leave_out_invitation)
    for invitation in accepted:
        expected = expected_fee(invitation)
        earned += expected or ZERO
    return earned


def expected_fee(invitation) -> Decimal | None:
    """What this place is expected to pay, after any choice the expert made."""
    decision = getattr(invitation, "fee_decision", None)
    if decision is not None and takes_no_fee(decision.choice):
        return None  # before fee_for: no queries for a place that pays nothing
    worked = fee_for(invitation.session.opportunity, invitation.session, hours=invitation.hours)
    if worked is None:
        return None
    return after_decision(worked.amount, decision)


def check(expert, *, day: date, fee: Decimal | None, invitation_id: int | None = None):
    """A warning when `fee` for a session on `day` would take the expert past their declared
    limit, or they declared that any payment could affect their benefits; otherwise None."""
    if not fee:
        return None
    if expert.benefits_declaration == BenefitsDeclaration.EXPENSES_ONLY:
        return ExpensesOnlyWarning(fee=fee)
    period = period_for(expert, day)
    if period is None or expert.earnings_limit is None:
        return None
    earned = earnings_in(expert, period, leave_out_invitation=invitation_id)
    if earned + fee > expert.earnings_limit:
        return BenefitsWarning(period=period, limit=expert.earnings_limit, earned=earned, fee=fee)
    return None


def check_invitation(invitation):
    """The warning, if any, for the fee this invitation's session would pay."""
    session = invitation.session
    if invitation.expert.payment_preference != PaymentPreference.PAID:
        return None  # attendance makes no fee for them
    worked = fee_for(session.opportunity, session, hours=invitation.hours)
    decision = getattr(invitation, "fee_decision", None)
    if decision is not None and decision.choice != FeeChoice.FULL:
        return None  # the expert has already chosen
    return check(
        invitation.expert,
        day=timezone.localdate(session.starts_at),
        fee=worked.amount if worked else None,
        invitation_id=invitation.pk,
    )


NEAR_DAYS = 31  # every weekly or monthly period holding a day lies within this of it


def earnings_near(day: date, experts=None) -> dict[int, list[tuple[date, Decimal]]]:
    """For experts who declared a weekly or monthly earnings limit (of `experts`, a queryset or
    a list of ids, or all), each involvement payment counted within a month either side of
    `day`, with its session date: claims not rejected or withdrawn, and accepted places at paid
    sessions that have no claim yet, at their expected fee. Four queries, whatever the number
    of experts."""
    declared = [BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT]
    first, last = day - timedelta(days=NEAR_DAYS), day + timedelta(days=NEAR_DAYS)
    near: dict[int, list[tuple[date, Decimal]]] = {}
    # Not counted, rather than counted, and not expenses rather than involvement: an IN list
    # on status, or kind alone, would lead SQLite to an index that holds most claims instead
    # of the one on session date (or on the expert and session date, for a few experts).
    claims = (
        Claim.objects.filter(
            session_date__range=(first, last),
            expert__benefits_declaration__in=declared,
        )
        .exclude(kind=ClaimKind.EXPENSES)
        .exclude(status__in=NOT_COUNTED_STATUSES)
        .order_by()
    )
    if experts is not None:
        claims = claims.filter(expert__in=experts)
    for expert_id, session_date, amount in claims.values_list("expert_id", "session_date", "total"):
        near.setdefault(expert_id, []).append((session_date, amount))
    places = committed_places(first, last).filter(expert__benefits_declaration__in=declared)
    if experts is not None:
        places = places.filter(expert__in=experts)
    fees = FeeTable()
    for expert_id, starts_at, ends_at, kind, hourly, choice, reduced in places.values_list(
        "expert_id",
        "session__starts_at",
        "session__ends_at",
        "session__opportunity__kind",
        "session__opportunity__hourly_rate",
        "fee_decision__choice",
        "fee_decision__reduced_amount",
    ):
        if takes_no_fee(choice):
            continue
        hours = pounds(Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600))
        on = timezone.localdate(starts_at)
        worked = fees.fee(kind=kind, hourly_rate=hourly, day=on, hours=hours)
        if worked is None:
            continue
        near.setdefault(expert_id, []).append((on, after_choice(worked.amount, choice, reduced)))
    return near


def earned_in(near: Iterable[tuple[date, Decimal]], period: Period) -> Decimal:
    return sum((amount for on, amount in near if on in period), ZERO)


# -- The benefits guard, for a page of invitations ----------------------------------------


def fee_decision_of(invitation):
    # A reverse one-to-one with no row raises an AttributeError subclass: None then.
    return getattr(invitation, "fee_decision", None)


def _expected(invitation, prices: FeeTable) -> Decimal:
    """What an accepted place is expected to pay, after the expert's choice (as
    queries.benefits.expected_fee)."""
    worked = prices.fee_for(
        invitation.session.opportunity, invitation.session, hours=invitation.hours
    )
    if worked is None:
        return ZERO
    return after_decision(worked.amount, fee_decision_of(invitation))


FeeWarning = BenefitsWarning | ExpensesOnlyWarning


def warnings_for_invitations(invitations) -> dict[int, FeeWarning]:
    """The benefits warning for each invitation that has one, by invitation id: the same
    warnings queries.benefits.check_invitation gives one at a time, for a whole page in at most
    six queries. There is none where the expert has already chosen what to take, or does not
    take payment for their time at all (attendance makes no fee for them)."""
    ids = [i.pk for i in invitations]
    if not ids:
        return {}
    rows = list(
        Invitation.objects.filter(pk__in=ids).select_related(
            "session__opportunity", "expert", "fee_decision"
        )
    )
    return warnings_for_rows(rows, FeeTable())


def warnings_for_rows(rows: list[Invitation], prices: FeeTable) -> dict[int, FeeWarning]:
    """Warnings for invitations loaded with their session, opportunity, expert and choice."""
    found: dict[int, FeeWarning] = {}
    # (invitation, fee, period, limit) for those whose expert declared a limit
    to_count: list[tuple[Invitation, Decimal, Period, Decimal]] = []
    for invitation in rows:
        decision = fee_decision_of(invitation)
        if decision is not None and decision.choice != FeeChoice.FULL:
            continue
        if invitation.expert.payment_preference != PaymentPreference.PAID:
            continue
        session = invitation.session
        worked = prices.fee_for(session.opportunity, session, hours=invitation.hours)
        if worked is None or not worked.amount:
            continue
        expert = invitation.expert
        if expert.benefits_declaration == BenefitsDeclaration.EXPENSES_ONLY:
            found[invitation.pk] = ExpensesOnlyWarning(fee=worked.amount)
            continue
        period = period_for(expert, timezone.localdate(session.starts_at))
        if period is None or expert.earnings_limit is None:
            continue
        to_count.append((invitation, worked.amount, period, expert.earnings_limit))
    if not to_count:
        return found
    expert_ids = {invitation.expert_id for invitation, _, _, _ in to_count}
    first = min(period.first for _, _, period, _ in to_count)
    last = max(period.last for _, _, period, _ in to_count)
    # Earnings as queries.benefits.earnings_in counts them, for every period at once.
    claims = list(
        Claim.objects.filter(
            expert_id__in=expert_ids,
            kind=ClaimKind.INVOLVEMENT,
            status__in=COUNTED_STATUSES,
            session_date__range=(first, last),
        ).values_list("expert_id", "invitation_id", "session_date", "total")
    )
    accepted = [
        (place.expert_id, place.pk, timezone.localdate(place.session.starts_at), place)
        for place in committed_places(first, last)
        .filter(expert_id__in=expert_ids)
        .select_related("session__opportunity", "fee_decision")
    ]
    expected = {pk: _expected(place, prices) for _, pk, _, place in accepted}
    for invitation, amount, period, limit in to_count:
        expert = invitation.expert
        earned = total(
            value
            for expert_id, invitation_id, day, value in claims
            if expert_id == expert.pk and invitation_id != invitation.pk and day in period
        ) + total(
            expected[pk]
            for expert_id, pk, day, _ in accepted
            if expert_id == expert.pk and pk != invitation.pk and day in period
        )
        if earned + amount > limit:
            found[invitation.pk] = BenefitsWarning(
                period=period, limit=limit, earned=earned, fee=amount
            )
    return found
