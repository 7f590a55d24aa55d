"""The shortlist for an opportunity: active experts ranked by how well they fit, each with the
reasons in words, and apart from them the experts who cannot be invited yet, with why.

The shortlist is for every upcoming session, or for one of them (a session added later): an
expert already invited to the other sessions of the work is still ranked for this one, with a
note. A search by name also finds active experts who have none of the experience or skills
asked for, listed on their own, so that the team can invite a person they know is right.

Speed: one query loads the candidates with what the database can count (candidates.py); the
rest is one query each (prerequisites, invitations, earnings, and the details and records of
the experts shown), never one per expert."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.matching import reasons as words
from coproduce.opportunities.matching.apart import invitations, missing_prerequisites
from coproduce.opportunities.matching.candidates import (
    candidates,
    details,
    local_midnight,
    read,
)
from coproduce.opportunities.matching.points import count_weights
from coproduce.opportunities.matching.reasons import Reason
from coproduce.opportunities.matching.rules import involvement_points
from coproduce.opportunities.matching.scoring import Row, assess, rank, row_of, with_answers
from coproduce.opportunities.matching.setting import Setting, session_fee, setting_for
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.pay import earnings_near
from coproduce.opportunities.queries.recent import recent_attendance
from coproduce.people.choices import Status
from coproduce.people.models import Expert


@dataclass
class Candidate:
    expert: Expert
    score: int
    reasons: list[Reason]
    recent: int  # sessions attended in the last 12 months


@dataclass
class Apart:
    expert: Expert
    reasons: list[str]


@dataclass
class Shortlist:
    opportunity: Opportunity
    sessions: list[Session]  # the sessions it is for, soonest first: `for_session` or `upcoming`
    candidates: list[Candidate]  # the best `limit`, best first
    considered: int  # how many experts were ranked (the candidates are the first of these)
    apart: list[Apart]  # the first `limit` shown apart, by name
    apart_total: int
    fee: Decimal | None  # the fee for the first upcoming session, for paid work
    fee_words: str  # the same, in words, with how it is worked out
    venue: Venue | None  # the first upcoming session's venue, else the opportunity's
    wanted_areas: list[str]
    wanted_skills: list[str]
    # Every upcoming, scheduled session of the opportunity, soonest first.
    upcoming: list[Session] = field(default_factory=list)
    # The one session the shortlist is for, when one was asked for and is upcoming.
    for_session: Session | None = None
    # A session was asked for that is not upcoming (past, cancelled or not this work's).
    session_not_found: bool = False
    # Found by a name search: active, able to be invited, but with none of the lived
    # experience or skills asked for. The first `limit`, best first; and how many there are.
    by_name: list[Candidate] = field(default_factory=list)
    by_name_total: int = 0
    # What every expert was measured against (for the bench, which times its query).
    setting: Setting | None = None

    @property
    def has_more(self) -> bool:
        return self.considered > len(self.candidates)


def shortlist(
    opportunity: Opportunity,
    *,
    limit: int = 50,
    today: date | None = None,
    text: str = "",
    session_id: int | None = None,
) -> Shortlist:
    """The ranked experts for the opportunity, best first, and those shown apart, with why.
    With `session_id`, the shortlist is for that one upcoming session; with `text`, active
    experts of that name who match nothing asked for are listed too, on their own."""
    today = today or timezone.localdate()
    text = text.strip()
    upcoming = list(
        Session.objects.filter(
            opportunity=opportunity,
            status=SessionStatus.SCHEDULED,
            starts_at__gte=local_midnight(today),
        )
        .select_related("venue__locality")
        .order_by("starts_at", "id")
    )
    for_session = next((x for x in upcoming if x.pk == session_id), None)
    # Who is measured against what: the one session asked for, else every upcoming one.
    sessions = [for_session] if for_session else upcoming
    first = sessions[0] if sessions else None
    venue = first.venue if first and first.venue_id else opportunity.venue
    first_fee = session_fee(opportunity, first)
    setting = setting_for(opportunity, sessions, venue, first_fee, today)

    rows: dict[int, Row] = {}
    why_apart: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    # Found by a name search with none of the experience or skills asked for. With nothing
    # asked for, everyone matches.
    unmatched: set[int] = set()
    asked = bool(setting.areas or setting.skills)
    weights = count_weights(setting)
    recent = recent_attendance(today)
    attended = recent.get
    # The involvement band of each count there is, worked out once: few counts, many experts.
    band = {n: involvement_points(n) for n in {0, *recent.values()}}
    active = Status.ACTIVE.value
    # Once for each of up to 20,000 experts: a Row only for the active, who are ranked; the
    # others need only their name, to be shown apart.
    for values in read(candidates(setting, text, today)):
        pk, name, status = values[0], values[1], values[2]
        if asked and not values[6] and not values[7]:  # no wanted area, no wanted skill
            unmatched.add(pk)
        if status == active:
            n = attended(pk, 0)
            rows[pk] = row_of(values, weights, n, band[n])
        else:
            names[pk] = name
            why_apart[pk].append(words.STATUS_WHY.get(status, "Not active"))
    missing_prerequisites(opportunity, first, today, rows, why_apart, names)
    notes = invitations(opportunity, upcoming, sessions, for_session, rows, why_apart, names)
    # Found by name but shown apart: say too that they match nothing asked for.
    for expert_id in unmatched & why_apart.keys():
        why_apart[expert_id].append(words.NOTHING_ASKED_FOR)

    # Payments already due near the first session, for experts who declared an earnings limit.
    if setting.fee and setting.first_day and rows:
        for expert_id, near in earnings_near(setting.first_day).items():
            if expert_id in rows:
                rows[expert_id].earnings = near

    eligible = [r for i, r in rows.items() if i not in why_apart and i not in unmatched]
    best = rank(eligible, setting, limit)
    named = [r for i, r in rows.items() if i in unmatched and i not in why_apart]
    by_name = rank(named, setting, limit)
    apart_ids = sorted(why_apart, key=lambda i: (names.get(i, "").casefold(), i))
    shown_apart = apart_ids[:limit]
    shown = [r.id for r in best + by_name]
    areas, skills, needs = details(setting, shown)
    experts = Expert.objects.select_related("locality").in_bulk(shown + shown_apart)

    def explained(row: Row) -> Candidate:
        row.areas, row.skills, row.needs = areas[row.id], skills[row.id], needs[row.id]
        with_answers(row, experts[row.id])
        score, reasons = assess(row, setting)
        return Candidate(experts[row.id], score, reasons + notes.get(row.id, []), row.recent)

    return Shortlist(
        opportunity=opportunity,
        sessions=sessions,
        candidates=[explained(r) for r in best],
        considered=len(eligible),
        apart=[Apart(experts[i], why_apart[i]) for i in shown_apart],
        apart_total=len(apart_ids),
        fee=setting.fee,
        fee_words=words.fee_words(opportunity, first, first_fee),
        venue=venue,
        wanted_areas=sorted(setting.areas.values()),
        wanted_skills=sorted(setting.skills.values()),
        upcoming=upcoming,
        for_session=for_session,
        session_not_found=session_id is not None and for_session is None,
        by_name=[explained(r) for r in by_name],
        by_name_total=len(named),
        setting=setting,
    )
