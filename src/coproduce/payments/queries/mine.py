"""What an expert sees of their own money: their claims, the meetings they can still claim
expenses for, what their next paid meetings will pay, and everything paid to them in a tax
year. Each read is a fixed number of queries, however long their history."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from coproduce.core.days import local_midnight
from coproduce.core.periods import Period, tax_year, tax_year_of
from coproduce.opportunities.choices import Attendance, SessionStatus
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE
from coproduce.payments.calculations import Fee, total
from coproduce.payments.choices import COUNTED_STATUSES, ClaimKind, ClaimStatus
from coproduce.payments.models import Claim
from coproduce.payments.queries.benefits import (
    FeeWarning,
    fee_decision_of,
    warnings_for_rows,
)
from coproduce.payments.queries.fee_choice import OPEN_STATUSES
from coproduce.payments.queries.fees import FeeTable
from coproduce.people.choices import PaymentPreference
from coproduce.people.models import Expert

CLAIMS_PER_PAGE = 20
# Years before this are not a statement anyone can ask for (and not a number to trust).
FIRST_TAX_YEAR = 2000
LAST_TAX_YEAR = 2100


# -- Claims ------------------------------------------------------------------------------------


def claims_of(expert: Expert) -> QuerySet[Claim]:
    """The expert's claims, newest first, with what each list row shows (one query a page)."""
    return (
        Claim.objects.filter(expert=expert)
        .select_related("invitation__session__opportunity", "payment_run")
        .order_by("-submitted_at", "-id")
    )


def own_claim(expert: Expert, pk: int) -> Claim:
    """One of the expert's claims with its lines (two queries); anyone else's is not found."""
    claim = (
        claims_of(expert)
        .filter(pk=pk)
        .select_related("submitted_by", "checked_by", "decided_by")
        .prefetch_related("lines")
        .first()
    )
    if claim is None:
        raise Http404
    return claim


def own_invitation(expert: Expert, pk: int) -> Invitation:
    """One of the expert's invitations with its session; anyone else's is not found."""
    invitation = (
        Invitation.objects.filter(pk=pk, expert=expert)
        .select_related("session__opportunity", "expert", "fee_decision")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def expense_claims_for(invitation: Invitation) -> list[Claim]:
    """Expense claims already made for this place and still counted (not rejected)."""
    return list(
        Claim.objects.filter(
            invitation=invitation, kind=ClaimKind.EXPENSES, status__in=COUNTED_STATUSES
        ).order_by("submitted_at", "id")
    )


def can_claim_for(expert: Expert, *, today: date | None = None) -> list[Invitation]:
    """Meetings the expert came to that they can still claim expenses for: within the claim
    deadline of the policy on the meeting's date, with no expense claim yet (a rejected one
    does not count, so they can claim again). Soonest deadline first; each has
    `claim_deadline`. Three queries."""
    today = today or timezone.localdate()
    prices = FeeTable()
    if not prices.policies:
        return []
    longest = max(p.claim_deadline_days for p in prices.policies)
    claimed = Claim.objects.filter(
        invitation=OuterRef("pk"), kind=ClaimKind.EXPENSES, status__in=COUNTED_STATUSES
    )
    places = (
        Invitation.objects.filter(
            expert=expert,
            attendance=Attendance.ATTENDED,
            session__starts_at__gte=local_midnight(today - timedelta(days=longest)),
        )
        .exclude(Exists(claimed))
        .select_related("session__opportunity")
        .order_by("session__starts_at", "id")
    )
    open_places = []
    for place in places:
        deadline = prices.claim_deadline(place.session)
        if deadline is not None and today <= deadline:
            # Read by my_claims.jinja beside the place: not a field of the model.
            place.claim_deadline = deadline  # type: ignore[attr-defined]
            open_places.append(place)
    return open_places


# -- The fee for the next meetings -------------------------------------------------------------


@dataclass
class ComingPayment:
    """A paid meeting the expert is invited to or going to, and what it will pay them."""

    invitation: Invitation
    fee: Fee | None
    warning: FeeWarning | None

    @property
    def choice(self):
        return fee_decision_of(self.invitation)


def coming_payments(expert: Expert, *, now: datetime | None = None) -> list[ComingPayment]:
    """The expert's paid meetings still to come, invited or going, with each fee, the choice
    they have made and any benefits warning (at most five queries)."""
    now = now or timezone.now()
    if expert.payment_preference != PaymentPreference.PAID:
        return []
    places = list(
        Invitation.objects.filter(
            expert=expert,
            status__in=OPEN_STATUSES,
            attendance=Attendance.NOT_RECORDED,
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__gt=now,
            session__opportunity__paid=True,
        )
        .select_related("session__opportunity", "expert", "fee_decision")
        .order_by("session__starts_at", "id")
    )
    if not places:
        return []
    prices = FeeTable()
    warnings = warnings_for_rows(places, prices)
    return [
        ComingPayment(
            invitation=place,
            fee=prices.fee_for(place.session.opportunity, place.session, hours=place.hours),
            warning=warnings.get(place.pk),
        )
        for place in places
    ]


# -- The statement of a tax year ---------------------------------------------------------------


@dataclass
class Statement:
    """Everything paid to an expert in one UK tax year, by the day it was paid."""

    year: int
    period: Period
    earnings: list[Claim] = field(default_factory=list)
    expenses: list[Claim] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return tax_year_label(self.year)

    @staticmethod
    def work_title(claim: Claim, *, shared: bool) -> str:
        """What the claim was for. In a copy the expert may hand on (the PDF, for a benefits
        adviser), confidential work is not named; on their own page it is."""
        work = claim.invitation.session.opportunity
        return CONFIDENTIAL_SHARED if shared and work.confidential else work.title

    @property
    def earnings_total(self) -> Decimal:
        return total(c.total for c in self.earnings)

    @property
    def expenses_total(self) -> Decimal:
        return total(c.total for c in self.expenses)


# Confidential work in a statement that leaves the product, worded as the summary of the year.
CONFIDENTIAL_SHARED = f"{CONFIDENTIAL_TITLE} (details not shared)"


def tax_year_label(year: int) -> str:
    """2026 reads "2026 to 2027", as HMRC writes a tax year."""
    return f"{year} to {year + 1}"


def valid_tax_year(year: int) -> bool:
    return FIRST_TAX_YEAR <= year <= LAST_TAX_YEAR


def statement_for(expert: Expert, year: int, *, today: date | None = None) -> Statement:
    """Claims paid to the expert from 6 April `year` to 5 April the next year, earnings
    (involvement payments) apart from reimbursed expenses; and the tax years there is
    something to show for, up to this one. Three queries."""
    today = today or timezone.localdate()
    period = tax_year(year)
    paid = list(
        Claim.objects.filter(
            expert=expert, status=ClaimStatus.PAID, paid_on__range=(period.first, period.last)
        )
        .select_related("invitation__session__opportunity", "payment_run")
        .prefetch_related("lines")
        .order_by("paid_on", "session_date", "id")
    )
    first_paid = Claim.objects.filter(expert=expert, status=ClaimStatus.PAID).aggregate(
        first=Min("paid_on")
    )["first"]
    now_year = tax_year_of(today)
    start = min(tax_year_of(first_paid) if first_paid else now_year, year, now_year)
    end = max(now_year, year)
    return Statement(
        year=year,
        period=period,
        earnings=[c for c in paid if c.kind == ClaimKind.INVOLVEMENT],
        expenses=[c for c in paid if c.kind == ClaimKind.EXPENSES],
        years=list(range(end, start - 1, -1)),
    )
