"""Experts with equality answers, attendance in a period, and local population figures, for
the equality tests."""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from coproduce.impact.equality.models import CONSENT_VERSION, EqualityAnswers, Population
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory

# The period most tests look at: the financial year 2026 to 2027.
START, END = date(2026, 4, 1), date(2027, 3, 31)
IN_PERIOD = date(2026, 6, 10)
BEFORE_PERIOD = date(2025, 12, 1)


def answered(*, expert=None, **answers) -> EqualityAnswers:
    """An expert (a new active one unless given) with these answers, kept with consent."""
    expert = expert or ExpertFactory()
    return EqualityAnswers.objects.create(
        expert=expert,
        consent_at=timezone.now(),
        consent_version=CONSENT_VERSION,
        **answers,
    )


def attended(expert, day: date = IN_PERIOD, *, work=None):
    """The expert attended a session of `work` (new work unless given) on `day`."""
    work = work or OpportunityFactory()
    starts = timezone.make_aware(datetime.combine(day, time(10)))
    session = SessionFactory(opportunity=work, starts_at=starts)
    InvitationFactory(
        session=session, expert=expert, status="accepted", attendance="attended", hours=Decimal(2)
    )
    return work


def population(characteristic: str, source: str = "Census 2021, Exampleshire", **counts):
    return Population.objects.create(characteristic=characteristic, counts=counts, source=source)


def known_data_set(*, work=None) -> None:
    """20 experts on the register who answered. 12 attended in the period: 9 women and 3 men;
    3 of no religion and 9 Christian. The other 8 (one attended before the period): 1 woman and
    7 men; 5 of no religion and 3 who preferred not to say. Local population: religion 600 none
    and 400 Christian; sex 510 women and 490 men."""
    for n in range(12):
        answers = answered(
            sex="female" if n < 9 else "male", religion="none" if n < 3 else "christian"
        )
        attended(answers.expert, work=work)
    for n in range(8):
        answers = answered(
            sex="female" if n < 1 else "male", religion="none" if n < 5 else "prefer_not"
        )
        if n == 0:
            attended(answers.expert, BEFORE_PERIOD)
    population("religion", none=600, christian=400)
    population("sex", female=510, male=490)
