"""The words of the shortlist: each reason an expert is ranked as they are, and why others are
shown apart, in plain English for the page. Scoring (scoring.py) decides the points; this
module only says them."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from coproduce.core.formats import count_of, long_date, lower_first, money
from coproduce.core.formats import time_of_day as clock
from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.models import Opportunity, Session
from coproduce.people.choices import Status, TimeOfDay
from coproduce.people.choices import Weekday as Day

if TYPE_CHECKING:  # for the type checker only (see coproduce.opportunities.pay)
    from coproduce.payments.calculations import Fee


class Effect(StrEnum):
    PLUS = "plus"
    MINUS = "minus"
    NOTE = "note"


EFFECT_WORDS = {Effect.PLUS: "For", Effect.MINUS: "Against", Effect.NOTE: "Note"}


@dataclass(frozen=True, slots=True)
class Reason:
    effect: Effect
    text: str
    points: int = 0

    @property
    def words(self) -> str:
        """How the reason counts, in words, for pages: "For, plus 3", "Against, minus 2"."""
        if self.points > 0:
            return f"For, plus {self.points}"
        if self.points < 0:
            return f"Against, minus {-self.points}"
        return EFFECT_WORDS[self.effect]


NOTHING_ASKED_FOR = "Has none of the lived experience or skills this work asks for"

# Keyed by status: rows read from the database hold it as plain text.
STATUS_WHY: dict[str, str] = {
    Status.PAUSED: "Paused: taking a break",
    Status.LEFT: "Has left the register",
    Status.ENQUIRY: "Not yet active: still an enquiry",
    Status.ONBOARDING: "Not yet active: still onboarding",
}

NO_AREAS = "None of the lived experience asked for"
NO_SKILLS = "None of the skills asked for"
NO_SESSION = "No upcoming session, so availability is not checked"
NO_DAYS = "Has not said which days they are available"
PREFERS_VOLUNTEERING = "Prefers to volunteer without payment"
PREFERS_EXPENSES = "Prefers expenses only"
WANTS_EXPENSES = "Wants expenses only: any payment could affect benefits"


def and_(items: list) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def or_(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def slot_words(slot: tuple[str, str]) -> str:
    day, tod = slot
    return f"{Day(day).label} {TimeOfDay(tod).label.lower()}"


def answers(statuses: list[str]) -> str:
    return and_(sorted({InvitationStatus(x).label.lower() for x in statuses}))


def lived_experience(names: list[str]) -> str:
    return f"Lived experience of {and_(names)}"


def skills(names: list[str]) -> str:
    return f"Skills: {and_(names)}"


def available_all(slots_words: list[str]) -> str:
    return f"Available on {and_(slots_words)}"


def available_some(free: list[tuple[str, str]]) -> str:
    return f"Available on {and_([slot_words(f) for f in free])}, not every session time"


def available_none(slots_words: list[str]) -> str:
    return f"Not usually available on {or_(slots_words)}"


def enough_notice(needs: int) -> str:
    return f"Enough notice: they need {count_of(needs, 'day')}"


def short_notice(needs: int, notice_days: int) -> str:
    return (
        f"Short notice: they need {count_of(needs, 'day')}, the first session "
        f"is in {count_of(notice_days, 'day')}"
    )


def same_locality(where: str | None) -> str:
    return f"Lives in {where}, where the venue is"


def elsewhere(where: str | None, venue_place: str) -> str:
    lives = f"Lives in {where}" if where else "Locality not recorded"
    return f"{lives}; the venue is in {venue_place}"


def need_arranged(name: str) -> str:
    return f"Needs {lower_first(name)}: the team arranges it"


def need_met(name: str) -> str:
    return f"Needs {lower_first(name)}: the venue provides it"


def need_not_met_hybrid(name: str) -> str:
    return f"Needs {lower_first(name)}: the venue does not provide it, they could join online"


def need_not_met(name: str) -> str:
    return f"Needs {lower_first(name)}: the venue does not provide it"


def involvement(recent: int) -> str:
    return ("No sessions" if recent == 0 else count_of(recent, "session")) + (
        " attended in the last 12 months"
    )


def over_limit(fee: Decimal, already: str, weekly: bool, limit: Decimal) -> str:
    return (
        f"The fee of {money(fee)} for one session{already} is over their "
        f"{'weekly' if weekly else 'monthly'} earnings limit of {money(limit)}: "
        "offer expenses only, a reduced fee, or they may decline the fee"
    )


def within_limit(fee: Decimal, already: str, weekly: bool, limit: Decimal) -> str:
    return (
        f"The fee of {money(fee)}{already} is within their "
        f"{'weekly' if weekly else 'monthly'} earnings limit of {money(limit)}"
    )


def already_due(earned: Decimal, weekly: bool) -> str:
    when = "week" if weekly else "assessment period"
    return f" on top of {money(earned)} already due in that {when}" if earned else ""


def invited_to_some(statuses: list[str], sessions: int) -> str:
    return (
        f"Already invited to {len(statuses)} of these {sessions} sessions "
        f"({answers(statuses)}): only the others would be new invitations"
    )


def invited_to_this_session(statuses: list[str]) -> str:
    return f"Already invited to this session ({answers(statuses)})"


def invited_to_every(statuses: list[str]) -> str:
    return (
        f"Already invited to {count_of(len(statuses), 'upcoming session')} of this "
        f"opportunity ({answers(statuses)})"
    )


def invited_elsewhere(statuses: list[str]) -> str:
    return (
        f"Invited to {count_of(len(statuses), 'other session')} of this work ({answers(statuses)})"
    )


def missing_prerequisites(labels: list[str]) -> str:
    return f"Missing a prerequisite: {and_(labels)}"


def fee_words(opportunity: Opportunity, session: Session | None, worked: "Fee | None") -> str:
    """The Payment row: what one expert is paid at the session the shortlist is measured by."""
    if not opportunity.paid:
        return "Not paid: expenses only"
    if session is None:
        return "Paid: no upcoming session to work out the amount"
    if worked is None:
        return "Paid, but no rate is set for this type of work"
    return (
        f"{money(worked.amount)} for each expert at the session on {long_date(session.starts_at)}"
        f" ({worked.words}, {worked.source_words})"
    )


def describe_sessions(sessions: list[Session]) -> list[str]:
    """The upcoming sessions in words, for the page's summary."""
    return [
        f"{long_date(x.starts_at)}, {clock(x.starts_at)} to {clock(x.ends_at)}" for x in sessions
    ]
