"""Reads for an expert's year, each one query however busy the year: the financial years they
took part in, the sessions they came to, the training they completed, what changed because
of the work, and what was paid to them. A year is a financial year, 1 April to 31 March."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.core.periods import Period, financial_year, financial_year_of
from coproduce.impact.outcomes.models import Outcome
from coproduce.impact.outcomes.queries import outcomes_for_expert
from coproduce.opportunities.choices import Attendance, SessionStatus
from coproduce.opportunities.models import Invitation
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim
from coproduce.people.models import Expert
from coproduce.training.models import TrainingRecord

# Years outside these are not a year anyone can ask for (and not a number to trust).
FIRST_YEAR = 2000
LAST_YEAR = 2100


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _attended(expert: Expert) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        expert=expert,
        attendance=Attendance.ATTENDED,
        session__status=SessionStatus.SCHEDULED,
    )


def years_taken_part(expert: Expert, *, today: date | None = None) -> list[int]:
    """The financial years (by the year each starts in) the expert came to a session in,
    newest first, always with this one, so a year just begun can be seen. One query."""
    today = today or timezone.localdate()
    months = _attended(expert).datetimes("session__starts_at", "month")
    years = {financial_year_of(timezone.localtime(month).date()) for month in months}
    years.add(financial_year_of(today))
    return sorted(years, reverse=True)


def attended_in(expert: Expert, period: Period) -> list[Invitation]:
    """The sessions the expert came to in the period, oldest first, each with its work. One
    query."""
    return list(
        _attended(expert)
        .filter(
            session__starts_at__gte=local_midnight(period.first),
            session__starts_at__lt=day_after(period.last),
        )
        .select_related("session__opportunity")
        .order_by("session__starts_at", "id")
    )


def training_in(expert: Expert, period: Period) -> list[TrainingRecord]:
    """Training the expert completed in the period, oldest first, with each course. One
    query."""
    return list(
        TrainingRecord.objects.filter(
            expert=expert, completed_on__range=(period.first, period.last)
        )
        .select_related("course")
        .order_by("completed_on", "id")
    )


def outcomes_of(expert: Expert, opportunity_ids: set[int]) -> list[Outcome]:
    """What happened next in these pieces of work the expert came to (the year's), newest
    first. One query: the outcomes app's own reading of an expert's outcomes."""
    if not opportunity_ids:
        return []
    return [o for o in outcomes_for_expert(expert) if o.opportunity_id in opportunity_ids]


def paid_in(expert: Expert, period: Period) -> list[Claim]:
    """What was paid to the expert in the period, by the day it was paid, each with the
    session and work it was for. One query."""
    return list(
        Claim.objects.filter(
            expert=expert, status=ClaimStatus.PAID, paid_on__range=(period.first, period.last)
        )
        .select_related("invitation__session__opportunity")
        .order_by("paid_on", "session_date", "id")
    )


@dataclass(frozen=True)
class YearData:
    """Everything read for one expert's year."""

    expert: Expert
    year: int
    period: Period
    attended: list[Invitation]
    training: list[TrainingRecord]
    outcomes: list[Outcome]
    payments: list[Claim]


def year_of(expert: Expert, year: int) -> YearData:
    """One expert's financial year starting 1 April `year`. Four queries."""
    period = financial_year(year)
    attended = attended_in(expert, period)
    return YearData(
        expert=expert,
        year=year,
        period=period,
        attended=attended,
        training=training_in(expert, period),
        outcomes=outcomes_of(expert, {i.session.opportunity_id for i in attended}),
        payments=paid_in(expert, period),
    )
