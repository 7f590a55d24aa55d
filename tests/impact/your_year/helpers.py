"""A known year for one expert, for the your-year tests: the financial year from 1 April 2024
to 31 March 2025, with sessions just outside it on both sides, one confidential piece of work,
training, outcomes and payments, so every figure can be checked exactly."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone

from coproduce.impact.outcomes.models import Outcome
from coproduce.opportunities.models import Invitation, Opportunity
from coproduce.payments.models import Claim, PaymentRun
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory
from tests.training.helpers import make_course, make_record

LONDON = ZoneInfo("Europe/London")
YEAR = 2024
HIDDEN_TITLE = "Investigation into the fall on Ward 7"
HIDDEN_OUTCOME = "The night staffing on Ward 7 was doubled"
_references = count(1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def attended(
    expert,
    work: Opportunity,
    starts: datetime,
    *,
    hours: str | None = "2",
    attendance: str = "attended",
) -> Invitation:
    session = SessionFactory(
        opportunity=work, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    return InvitationFactory(
        session=session,
        expert=expert,
        status="accepted",
        attendance=attendance,
        hours=Decimal(hours) if hours is not None else None,
    )


def paid(invitation: Invitation, *, paid_on: date | None, amount: str, kind="involvement"):
    """A claim for the place, paid on `paid_on` in a payment run (None: approved, not paid)."""
    run = (
        PaymentRun.objects.create(reference=f"YY{next(_references)}", paid_on=paid_on)
        if paid_on
        else None
    )
    return Claim.objects.create(
        expert=invitation.expert,
        invitation=invitation,
        kind=kind,
        status="paid" if paid_on else "approved",
        session_date=timezone.localtime(invitation.session.starts_at).date(),
        team=invitation.session.opportunity.team,
        total=Decimal(amount),
        submitted_at=invitation.session.starts_at,
        payment_run=run,
        paid_on=paid_on,
    )


@dataclass
class Year:
    interviews: Opportunity
    workshop: Opportunity
    investigation: Opportunity


def busy_year(expert) -> Year:
    """In the year: 3 interview panels (2, 1.5 and 2 hours), a workshop (3 hours) and a
    confidential investigation (2.5 hours): 5 sessions, 11 hours. Paid in the year: £30.00,
    £12.40 expenses and £37.50: £79.90. Outside it: a session in March 2024 and one in April
    2025, a session missed, a payment made in April 2025 and one not yet paid."""
    interviews = OpportunityFactory(title="Interviews for a ward manager", kind="interview_panel")
    workshop = OpportunityFactory(title="Designing the carers' café", kind="workshop")
    investigation = OpportunityFactory(title=HIDDEN_TITLE, kind="investigation", confidential=True)
    first = attended(expert, interviews, at(date(2024, 5, 14)), hours="2")
    attended(expert, interviews, at(date(2024, 6, 11)), hours="1.5")
    attended(expert, interviews, at(date(2024, 7, 9)), hours="2")
    café = attended(expert, workshop, at(date(2024, 9, 3)), hours="3")
    secret = attended(expert, investigation, at(date(2024, 11, 19)), hours="2.5")
    before = attended(
        expert, OpportunityFactory(title="Last year's panel"), at(date(2024, 3, 28)), hours="1"
    )
    after = attended(
        expert, OpportunityFactory(title="Next year's panel"), at(date(2025, 4, 8)), hours="4"
    )
    attended(
        expert,
        OpportunityFactory(title="A meeting they missed"),
        at(date(2024, 10, 1)),
        attendance="did_not_attend",
    )
    paid(first, paid_on=date(2024, 6, 14), amount="30.00")
    paid(café, paid_on=date(2024, 10, 1), amount="12.40", kind="expenses")
    paid(secret, paid_on=date(2024, 12, 2), amount="37.50")
    paid(before, paid_on=date(2024, 3, 29), amount="15.00")
    paid(after, paid_on=date(2025, 4, 20), amount="60.00")
    paid(café, paid_on=None, amount="45.00")
    Outcome.objects.create(
        opportunity=workshop,
        changed=True,
        pairs=[{"said": "The café was too noisy", "did": "We added a quiet room"}],
        summary="You told us the café was noisy. We made a quiet room.",
    )
    Outcome.objects.create(
        opportunity=investigation,
        changed=True,
        pairs=[{"said": "Nights were short-staffed", "did": HIDDEN_OUTCOME}],
        summary=HIDDEN_OUTCOME,
    )
    course = make_course(name="Safeguarding adults")
    make_record(course=course, expert=expert, completed_on=date(2024, 6, 20))
    make_record(
        course=make_course(name="Old induction"), expert=expert, completed_on=date(2023, 5, 1)
    )
    return Year(interviews=interviews, workshop=workshop, investigation=investigation)


def many_sessions(expert, pieces: int = 12, each: int = 4) -> None:
    """A busy year on top: `pieces` pieces of work (a monthly panel's meetings, say) with
    `each` sessions apiece, every session paid, and an outcome for each piece of work."""
    for i in range(pieces):
        work = OpportunityFactory(title=f"Panel number {i}", kind="committee")
        for j in range(each):
            day = date(2024, 4, 2) + timedelta(days=7 * (i * each + j) % 350)
            place = attended(expert, work, at(day, 14), hours="1.5")
            paid(place, paid_on=day + timedelta(days=10), amount="22.50")
        Outcome.objects.create(
            opportunity=work,
            changed=bool(i % 2),
            pairs=[{"said": "Papers came too late to read", "did": "Papers now come a week before"}]
            if i % 2
            else [],
            why_nothing="" if i % 2 else "The decision was put off until the new year.",
            summary="",
        )
