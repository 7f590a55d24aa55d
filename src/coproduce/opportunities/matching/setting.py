"""What every expert is measured against, worked out once per shortlist: the sessions it is
for, the venue, the wanted experience and skills, the time slots and the fee."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.opportunities.matching.apart import Prerequisites, prerequisites_for
from coproduce.opportunities.matching.reasons import slot_words
from coproduce.opportunities.matching.rules import WEEKDAYS, time_of_day, weekday
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.pay import fee_for
from coproduce.opportunities.queries.recent import stored_for
from coproduce.people.choices import TimeOfDay
from coproduce.people.models import AccessNeed, Locality

if TYPE_CHECKING:  # for the type checker only (see coproduce.opportunities.pay)
    from coproduce.payments.calculations import Fee


@dataclass
class Setting:
    format: str
    areas: dict[int, str]
    skills: dict[int, str]
    slots: list[tuple[str, str]]
    notice_days: int | None
    has_venue: bool
    venue_locality: int | None
    venue_needs: set[int]
    need_names: dict[int, str]
    locality_names: dict[int, str]
    fee: Decimal | None
    paid: bool
    first_day: date | None = None
    slots_words: list[str] = field(default_factory=list)
    # Whether each expert's recent attendance is read as stored (counted for this day).
    recent_stored: bool = False
    # What the work asks experts to have done first (None: nothing).
    prerequisites: Prerequisites | None = None


def session_fee(opportunity: Opportunity, session: Session | None) -> "Fee | None":
    """One expert's fee for the session, as every page and the claim work it out
    (coproduce.opportunities.pay.fee_for)."""
    if session is None or not opportunity.paid:
        return None
    return fee_for(opportunity, session)


def setting_for(
    opportunity: Opportunity,
    sessions: list[Session],
    venue: Venue | None,
    fee: "Fee | None",
    today: date,
) -> Setting:
    first = sessions[0] if sessions else None
    slots = sorted(
        {(weekday(x.starts_at), time_of_day(x.starts_at)) for x in sessions},
        key=lambda slot: (WEEKDAYS.index(slot[0]), list(TimeOfDay.values).index(slot[1])),
    )
    return Setting(
        format=opportunity.format,
        areas=dict(opportunity.wanted_experience.values_list("id", "name")),
        skills=dict(opportunity.wanted_skills.values_list("id", "name")),
        slots=slots,
        notice_days=(timezone.localdate(first.starts_at) - today).days if first else None,
        has_venue=venue is not None,
        venue_locality=venue.locality_id if venue else None,
        venue_needs=set(venue.meets_needs.values_list("id", flat=True)) if venue else set(),
        need_names=dict(AccessNeed.objects.values_list("id", "name")),
        locality_names=dict(Locality.objects.values_list("id", "name")),
        fee=fee.amount if fee else None,
        paid=opportunity.paid,
        first_day=timezone.localdate(first.starts_at) if first else None,
        slots_words=[slot_words(slot) for slot in slots],
        recent_stored=stored_for(today),
        prerequisites=prerequisites_for(
            opportunity, timezone.localdate(first.starts_at) if first else today
        ),
    )
