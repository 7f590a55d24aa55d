"""An expert's year in plain words, for their page and the two PDFs.

A summary is made either for the expert's own eyes (`shared=False`: their page, which may
name confidential work they were on) or to be shared (`shared=True`: the PDFs, which they may
hand to an employer or a benefits adviser, and anything the involvement team sees). A shared
summary never names confidential work, nor says what kind of work it was or what came of it:
it reads "Confidential work (details not shared)", with the date and the hours."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from coproduce.core.formats import count_of, long_date, money
from coproduce.core.periods import Period
from coproduce.core.terms import current_terms
from coproduce.impact.your_year.queries import YearData
from coproduce.opportunities.choices import Kind
from coproduce.payments.calculations import total
from coproduce.payments.choices import ClaimKind

CONFIDENTIAL = "Confidential work (details not shared)"
CONFIDENTIAL_ROLE = "confidential work (details not shared)"

# What the expert did, as a line on a CV: "interview panel member — 3 times".
ROLES = {
    Kind.COMMITTEE: "committee or meeting member",
    Kind.INTERVIEW_PANEL: "interview panel member",
    Kind.INVESTIGATION: "serious incident investigation panel member",
    Kind.COMMISSIONING: "commissioning panel member",
    Kind.QUALITY_VISIT: "quality monitoring visitor",
    Kind.TRAINING: "trainer, delivering training",
    Kind.WORKSHOP: "workshop member",
    Kind.CO_DESIGN: "co-design project member",
    Kind.CONSULTATION: "consultation member",
    Kind.FOCUS_GROUP: "focus group member",
}


def year_label(year: int) -> str:
    """2025 reads "April 2025 to March 2026"."""
    return f"April {year} to March {year + 1}"


# Said as words, as people say them: "once", "twice", then "3 times".
IN_WORDS = {1: "once", 2: "twice"}


def times(n: int) -> str:
    return IN_WORDS.get(n) or f"{n} times"


@dataclass(frozen=True)
class Attended:
    day: date
    title: str
    kind: str  # the kind of work, as the organisation names it ("Interview panel")
    role: str
    hours: Decimal
    confidential: bool


@dataclass(frozen=True)
class Role:
    words: str
    count: int

    @property
    def line(self) -> str:
        """ "Interview panel member — 3 times"."""
        return f"{self.words[:1].upper()}{self.words[1:]} — {times(self.count)}"


@dataclass(frozen=True)
class Trained:
    course: str
    completed_on: date


@dataclass(frozen=True)
class Changed:
    title: str
    changed: bool
    summary: str
    pairs: list[dict]
    why_nothing: str


@dataclass(frozen=True)
class Paid:
    paid_on: date
    what_for: str
    amount: Decimal
    earnings: bool  # a payment for their time (not expenses paid back)


@dataclass(frozen=True)
class Work:
    """One piece of work in the year, for Easy Read: its title, how often, how long."""

    title: str
    sessions: int
    hours: Decimal


@dataclass(frozen=True)
class Month:
    name: str  # "June 2024"
    amount: Decimal


@dataclass
class Summary:
    name: str
    greeting: str
    year: int
    period: Period
    shared: bool
    organisation: str
    attended: list[Attended] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    training: list[Trained] = field(default_factory=list)
    changes: list[Changed] = field(default_factory=list)
    payments: list[Paid] = field(default_factory=list)
    thanks: list[str] = field(default_factory=list)
    easy_thanks: list[str] = field(default_factory=list)
    slogan: str = ""
    made_on: date | None = None

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def title(self) -> str:
        return f"{self.name}: your year, {self.label}"

    @property
    def sessions(self) -> int:
        return len(self.attended)

    @property
    def hours(self) -> Decimal:
        return sum((row.hours for row in self.attended), Decimal("0"))

    @property
    def paid_total(self) -> Decimal:
        return total(p.amount for p in self.payments)

    @property
    def earnings_total(self) -> Decimal:
        return total(p.amount for p in self.payments if p.earnings)

    @property
    def expenses_total(self) -> Decimal:
        return total(p.amount for p in self.payments if not p.earnings)

    @property
    def in_words(self) -> str:
        """ "You came to 5 sessions and gave 12.5 hours of your time.", or the kind words for
        a year with none."""
        return self._words("You", "your")

    @property
    def their_words(self) -> str:
        """The same, for the involvement team reading an expert's year."""
        return self._words("They", "their")

    def _words(self, who: str, whose: str) -> str:
        if not self.attended:
            return f"{who} did not take part in any sessions between {self.label_words}."
        return (
            f"{who} came to {count_of(self.sessions, 'session')} and gave "
            f"{count_of(self.hours, 'hour')} of {whose} time."
        )

    @property
    def by_work(self) -> list[Work]:
        """The sessions by piece of work, in the order first come to (confidential work,
        when shared, as one)."""
        found: dict[str, list[Attended]] = {}
        for row in self.attended:
            found.setdefault(row.title, []).append(row)
        return [
            Work(title, len(rows), sum((r.hours for r in rows), Decimal("0")))
            for title, rows in found.items()
        ]

    @property
    def paid_by_month(self) -> list[Month]:
        months: dict[str, list[Decimal]] = {}
        for paid in self.payments:
            months.setdefault(f"{paid.paid_on:%B %Y}", []).append(paid.amount)
        return [Month(name, total(amounts)) for name, amounts in months.items()]

    @property
    def label_words(self) -> str:
        return f"April {self.year} and March {self.year + 1}"


def _attended(data: YearData, shared: bool) -> list[Attended]:
    rows = []
    for invitation in data.attended:
        work = invitation.session.opportunity
        hidden = shared and work.confidential
        rows.append(
            Attended(
                day=timezone.localtime(invitation.session.starts_at).date(),
                title=CONFIDENTIAL if hidden else work.title,
                kind="" if hidden else Kind(work.kind).label,
                role=CONFIDENTIAL_ROLE if hidden else ROLES.get(Kind(work.kind), "member"),
                hours=invitation.hours or Decimal("0"),
                confidential=work.confidential,
            )
        )
    return rows


def _roles(rows: list[Attended]) -> list[Role]:
    counted = Counter(row.role for row in rows)
    return [
        Role(words, n)
        for words, n in sorted(
            counted.items(), key=lambda item: (-item[1], item[0] == CONFIDENTIAL_ROLE, item[0])
        )
    ]


def _what_for(claim, shared: bool) -> str:
    work = claim.invitation.session.opportunity
    title = "confidential work" if shared and work.confidential else work.title
    what = "Payment for your time" if claim.kind == ClaimKind.INVOLVEMENT else "Expenses"
    return f"{what}: {title}, {long_date(claim.session_date)}"


def _thanks(greeting: str, organisation: str, summary: Summary) -> list[str]:
    terms = current_terms()
    if summary.attended:
        middle = (
            f"Between {summary.label_words} you gave {count_of(summary.hours, 'hour')} of your "
            "time and your experience. It helped us make our services better for the people "
            "who use them."
        )
    else:
        middle = (
            "You did not take part in any sessions this year, and that is fine. You are still "
            f"one of our {terms.experts}, and we hope to work with you again when it suits you."
        )
    return [
        f"Thank you, {greeting}.",
        middle,
        f"From everyone at {organisation}.",
    ]


def _easy_thanks(greeting: str, summary: Summary) -> list[str]:
    if summary.attended:
        return [
            f"Thank you, {greeting}.",
            "You gave us your time.",
            "You told us about your experience.",
            "This helps us make our services better.",
        ]
    return [
        f"Thank you, {greeting}.",
        f"You are still one of our {current_terms().experts}.",
        "We hope to work with you again.",
    ]


def summary_for(data: YearData, *, shared: bool, today: date | None = None) -> Summary:
    """The year in plain words: to be shared (the PDFs, and what the involvement team sees)
    or for the expert's own page."""
    organisation = settings.ORGANISATION_NAME
    expert = data.expert
    summary = Summary(
        name=expert.full_name,
        greeting=expert.display_name,
        year=data.year,
        period=data.period,
        shared=shared,
        organisation=organisation,
        made_on=today or timezone.localdate(),
        slogan=current_terms().slogan,
    )
    summary.attended = _attended(data, shared)
    summary.roles = _roles(summary.attended)
    summary.training = [Trained(r.course.name, r.completed_on) for r in data.training]
    summary.changes = [
        Changed(
            title=o.opportunity.title,
            changed=o.changed,
            summary=o.summary,
            pairs=list(o.pairs or []),
            why_nothing=o.why_nothing,
        )
        for o in data.outcomes
        if not (shared and o.opportunity.confidential)
    ]
    summary.payments = [
        Paid(
            # Paid claims always have the day they were paid (queries.paid_in).
            paid_on=claim.paid_on or claim.session_date,
            what_for=_what_for(claim, shared),
            amount=claim.total,
            earnings=claim.kind == ClaimKind.INVOLVEMENT,
        )
        for claim in data.payments
    ]
    summary.thanks = _thanks(summary.greeting, organisation, summary)
    summary.easy_thanks = _easy_thanks(summary.greeting, summary)
    return summary


def paid_words(summary: Summary) -> str:
    """ "£120.00 was paid to you: £100.00 for your time and £20.00 of expenses"."""
    if not summary.payments:
        return f"Nothing was paid to you between {summary.label_words}."
    words = f"{money(summary.paid_total)} was paid to you"
    if summary.earnings_total and summary.expenses_total:
        words += (
            f": {money(summary.earnings_total)} for your time and "
            f"{money(summary.expenses_total)} of expenses paid back"
        )
    return words + "."
