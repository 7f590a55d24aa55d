"""Demo data for payments: two dated payment policies, team budgets, and a claim for past
attendance at the scale the benchmark needs (about 200,000 claims for 20,000 experts).

Involvement payments are made for attended places at paid work, for experts paid for their
time; expenses for most attended places. Older claims are paid in monthly payment runs, recent
ones wait to be checked or approved. Fast: bulk_create, nothing audited (demo data is nobody's
change)."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.core.lengths import shorten_for
from coproduce.core.money import pounds
from coproduce.core.periods import financial_year_of
from coproduce.demo import bulk
from coproduce.demo.context import DemoContext
from coproduce.opportunities.choices import Attendance, Kind
from coproduce.opportunities.models import Invitation
from coproduce.payments.choices import (
    FEE,
    ClaimKind,
    ClaimStatus,
    ExpenseCategory,
    RateUnit,
)
from coproduce.payments.models import (
    Budget,
    Claim,
    ClaimLine,
    ExpenseRule,
    PaymentRun,
    Policy,
    Rate,
)
from coproduce.payments.queries.fees import FeeTable
from coproduce.people.choices import PaymentPreference

SUMMARY = (
    "We pay you for your time at the rates below, and we pay back what it costs you to take "
    "part. Claim within 90 days of the meeting. Keep your tickets and receipts: we need a "
    "receipt for taxis, parking and care costs, and for anything over £10."
)
# Per hour unless named: interviews pay by the half day, investigations by the day.
RATES: dict[str, tuple[RateUnit, Decimal]] = {
    Kind.INTERVIEW_PANEL: (RateUnit.HALF_DAY, Decimal("45.00")),
    Kind.INVESTIGATION: (RateUnit.DAY, Decimal("90.00")),
}
HOURLY = Decimal("15.00")
RULES = [
    (ExpenseCategory.PUBLIC_TRANSPORT, Decimal("60"), Decimal("10"), False),
    (ExpenseCategory.MILEAGE, Decimal("200"), None, False),
    (ExpenseCategory.PARKING, Decimal("20"), Decimal("0"), False),
    (ExpenseCategory.TAXI, Decimal("50"), Decimal("0"), True),
    (ExpenseCategory.CARE, Decimal("120"), Decimal("0"), False),
    (ExpenseCategory.SUBSISTENCE, Decimal("10"), Decimal("10"), False),
]
EXPENSE_SHARE = 0.8  # attended places with an expense claim
BUDGET = (Decimal("8000"), Decimal("40000"))


def create(ctx: DemoContext) -> None:
    if Policy.objects.exists():
        ctx.say("Payments: already there")
        return
    lead = User.objects.filter(role=Role.INVOLVEMENT_LEAD).first()
    finance = User.objects.filter(role=Role.FINANCE).first()
    coordinator = User.objects.filter(role=Role.COORDINATOR).first()
    today = timezone.localdate(ctx.now)
    this_year = financial_year_of(today)
    _policy(date(this_year - 4, 4, 1), lead, rise=Decimal("0"))
    _policy(date(this_year, 4, 1), lead, rise=Decimal("0.10"))
    budgets = _budgets(ctx, this_year)
    claims, lines, runs = _claims(ctx, today, finance, coordinator)
    ctx.say(
        f"Payments: 2 policies, {budgets:,} team budgets, {claims:,} claims with {lines:,} "
        f"lines, {runs} payment runs"
    )


def _policy(start: date, lead, rise: Decimal) -> None:
    policy = Policy.objects.create(
        effective_from=start,
        mileage_rate=Decimal("0.45"),
        claim_deadline_days=90,
        summary=SUMMARY,
        created_by=lead,
    )
    Rate.objects.bulk_create(
        Rate(
            policy=policy,
            kind=kind,
            unit=RATES.get(kind, (RateUnit.HOUR, HOURLY))[0],
            amount=pounds(RATES.get(kind, (RateUnit.HOUR, HOURLY))[1] * (1 + rise)),
        )
        for kind in Kind.values
    )
    ExpenseRule.objects.bulk_create(
        ExpenseRule(
            policy=policy,
            category=category,
            limit=limit,
            receipt_over=receipt,
            needs_agreement=agreed,
        )
        for category, limit, receipt, agreed in RULES
    )


def _budgets(ctx: DemoContext, this_year: int) -> int:
    budgets = [
        Budget(
            team_id=team_id,
            year=year,
            amount=Decimal(ctx.rng.randrange(int(BUDGET[0]), int(BUDGET[1]), 500)),
            cost_centre=f"CC{4100 + team_id:04d}",
        )
        for team_id in Team.objects.values_list("pk", flat=True)
        for year in range(this_year - 3, this_year + 1)
    ]
    Budget.objects.bulk_create(budgets)
    return len(budgets)


def _status(ctx: DemoContext, age_days: int) -> str:
    """Older claims are paid; recent ones are on their way through."""
    if age_days > 35:
        return ClaimStatus.REJECTED if ctx.rng.random() < 0.01 else ClaimStatus.PAID
    if age_days > 7:
        return ClaimStatus.APPROVED
    return ctx.rng.choice([ClaimStatus.SUBMITTED, ClaimStatus.CHECKED])


def _expense(ctx: DemoContext) -> tuple[str, str, Decimal | None, Decimal | None, Decimal]:
    """(category, description, miles, rate, amount) for one typical expense."""
    rng = ctx.rng
    roll = rng.random()
    if roll < 0.55:
        fare = pounds(Decimal(rng.choice([180, 240, 340, 460, 620, 880])) / 100)
        return ExpenseCategory.PUBLIC_TRANSPORT, "Bus or train fare", None, None, fare
    if roll < 0.85:
        miles = Decimal(rng.randint(3, 40))
        rate = Decimal("0.45")
        return ExpenseCategory.MILEAGE, f"Mileage: {miles} miles", miles, rate, pounds(miles * rate)
    if roll < 0.95:
        return ExpenseCategory.SUBSISTENCE, "Lunch", None, None, Decimal("6.50")
    return ExpenseCategory.PARKING, "Car park", None, None, Decimal("4.00")


def _claims(ctx: DemoContext, today: date, finance, coordinator) -> tuple[int, int, int]:
    places = (
        Invitation.objects.filter(attendance=Attendance.ATTENDED)
        .order_by("session__starts_at", "pk")
        .values_list(
            "pk",
            "expert_id",
            "hours",
            "session__starts_at",
            "session__opportunity__paid",
            "session__opportunity__kind",
            "session__opportunity__hourly_rate",
            "session__opportunity__team_id",
            "expert__payment_preference",
            "expert__user_id",
        )
    )
    fees = FeeTable()
    claims: list[Claim] = []
    lines: list[list[ClaimLine]] = []
    for pk, expert_id, hours, starts_at, paid, kind, hourly, team_id, preference, own in places:
        day = timezone.localdate(starts_at)
        age = (today - day).days
        if starts_at > ctx.now:
            continue  # not held yet: nothing to claim
        made: list[tuple[str, list[ClaimLine]]] = []
        if paid and preference == PaymentPreference.PAID:
            worked = fees.fee(kind=kind, hourly_rate=hourly, day=day, hours=hours or Decimal(0))
            if worked and worked.amount > 0:
                line = ClaimLine(
                    category=FEE,
                    description=shorten_for(
                        ClaimLine, "description", Kind(kind).label, end=f": {worked.words}"
                    ),
                    quantity=worked.quantity,
                    unit_rate=worked.unit_rate,
                    amount=worked.amount,
                )
                made.append((ClaimKind.INVOLVEMENT, [line]))
        if ctx.rng.random() < EXPENSE_SHARE:
            category, words, miles, rate, amount = _expense(ctx)
            line = ClaimLine(
                category=category, description=words, quantity=miles, unit_rate=rate, amount=amount
            )
            made.append((ClaimKind.EXPENSES, [line]))
        for claim_kind, claim_lines in made:
            status = _status(ctx, age)
            # Nothing is dated after today: a claim for last week's meeting is not sent,
            # checked or decided in the future.
            submitted = min(starts_at + timedelta(days=ctx.rng.randint(0, 5)), ctx.now)
            involvement = claim_kind == ClaimKind.INVOLVEMENT
            # Experts with a sign-in send their own expense claims; the team sends the rest.
            by_team = involvement or own is None
            if involvement and status == ClaimStatus.SUBMITTED:
                status = ClaimStatus.CHECKED  # recording attendance is the check
            claims.append(
                Claim(
                    expert_id=expert_id,
                    invitation_id=pk,
                    kind=claim_kind,
                    status=status,
                    session_date=day,
                    team_id=team_id,
                    total=sum((line.amount for line in claim_lines), Decimal("0.00")),
                    submitted_by_id=coordinator.pk if by_team else own,
                    submitted_at=submitted,
                    on_behalf=by_team,
                    checked_by=coordinator if status != ClaimStatus.SUBMITTED else None,
                    checked_at=min(submitted + timedelta(days=1), ctx.now)
                    if status != ClaimStatus.SUBMITTED
                    else None,
                    decided_by=finance
                    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.REJECTED)
                    else None,
                    decided_at=min(submitted + timedelta(days=3), ctx.now)
                    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.REJECTED)
                    else None,
                    rejection_reason="No ticket or receipt was sent."
                    if status == ClaimStatus.REJECTED
                    else "",
                )
            )
            lines.append(claim_lines)
    runs = _runs(claims, finance)
    bulk.insert(Claim, claims)
    flat = []
    for claim, claim_lines in zip(claims, lines, strict=True):
        for line in claim_lines:
            line.claim_id = claim.pk
            flat.append(line)
    bulk.insert(ClaimLine, flat)
    return len(claims), len(flat), runs


def _runs(claims: list[Claim], finance) -> int:
    """Paid claims go in a run at the start of the month after their session's month."""
    by_month: dict[date, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.status == ClaimStatus.PAID:
            month = claim.session_date.replace(day=1)
            paid_on = (month + timedelta(days=32)).replace(day=5)
            by_month[paid_on].append(claim)
    for paid_on in sorted(by_month):
        chosen = by_month[paid_on]
        run = PaymentRun.objects.create(
            reference=f"PR-D{paid_on:%Y%m}",
            created_by=finance,
            paid_on=paid_on,
            claim_count=len(chosen),
            total=sum((c.total for c in chosen), Decimal("0.00")),
        )
        for claim in chosen:
            claim.payment_run = run
            claim.paid_on = paid_on
    return len(by_month)
