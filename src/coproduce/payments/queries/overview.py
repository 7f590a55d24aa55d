"""Figures for the staff overview: claims waiting for someone, and the money approved or paid
for this month's involvement. One query in all."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from coproduce.core.money import ZERO
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.models import Claim


@dataclass(frozen=True)
class ClaimFigures:
    to_check: int  # submitted, waiting for the involvement team's check
    to_approve: int  # checked, waiting for finance
    to_pay: int  # approved, not yet in a payment run
    involvement_this_month: Decimal  # involvement payments approved or paid, for this month


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def claim_figures(today: date) -> ClaimFigures:
    """Counts of the claims waiting at each step, and the involvement payments approved or
    paid for sessions held this calendar month."""
    first = today.replace(day=1)
    this_month = Q(
        kind=ClaimKind.INVOLVEMENT,
        status__in=(ClaimStatus.APPROVED, ClaimStatus.PAID),
        session_date__gte=first,
        session_date__lt=_next_month(first),
    )
    waiting = (ClaimStatus.SUBMITTED, ClaimStatus.CHECKED, ClaimStatus.APPROVED)
    # Only the rows that count, found through the indexes on status and on session date.
    figures = Claim.objects.filter(Q(status__in=waiting) | this_month).aggregate(
        to_check=Count("id", filter=Q(status=ClaimStatus.SUBMITTED)),
        to_approve=Count("id", filter=Q(status=ClaimStatus.CHECKED)),
        to_pay=Count("id", filter=Q(status=ClaimStatus.APPROVED, payment_run__isnull=True)),
        involvement=Sum("total", filter=this_month),
    )
    return ClaimFigures(
        to_check=figures["to_check"],
        to_approve=figures["to_approve"],
        to_pay=figures["to_pay"],
        involvement_this_month=figures["involvement"] or ZERO,
    )
