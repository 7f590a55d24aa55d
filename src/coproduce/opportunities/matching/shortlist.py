"""The shortlist for an opportunity: active experts ranked by how well they fit, each with the
reasons in words, and apart from them the experts who cannot be invited yet, with why.

The shortlist is for every upcoming session, or for one of them (a session added later): an
expert already invited to the other sessions of the work is still ranked for this one, with a
note. A search by name also finds active experts who have none of the experience or skills
asked for, listed on their own, so that the team can invite a person they know is right.

Speed: one query loads the candidates with what the database can count (candidates.py),
which prerequisites each has met among it; the rest is one query each (invitations, the
earnings of those with a limit near the top, and the details and records of the experts
shown), never one per expert. The candidates stay the tuples the query reads:
who is shown apart is worked out as sets of ids and worded only for the experts shown, and a
Row (scoring.Ranking) is made only for those near the top, not for each of 20,000."""

import heapq
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from coproduce.core.days import local_midnight
from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.matching import reasons as words
from coproduce.opportunities.matching.apart import invitations
from coproduce.opportunities.matching.candidates import details, load
from coproduce.opportunities.matching.points import count_weights
from coproduce.opportunities.matching.reasons import Reason
from coproduce.opportunities.matching.scoring import Ranking, Row, assess, with_answers
from coproduce.opportunities.matching.setting import Setting, session_fee, setting_for
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.pay import earnings_near
from coproduce.opportunities.queries.recent import recent_attendance
from coproduce.people.choices import Status
from coproduce.people.models import Expert

EARNINGS_NAMED_MOST = 500
# What the shortlist page shows of each expert, and what the words of their reasons need
# (scoring.with_answers).
SHOWN_FIELDS = (
    "full_name",
    "preferred_name",
    "locality__name",
    "notice_days",
    "payment_preference",
    "available_days",
    "available_times",
)


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

    # Every candidate as read, by id: tuples of candidates.FIELDS, no object for each, since
    # there are up to 20,000 (status at 2, name at 1, area and skill counts at 6 and 7, the
    # access needs not met at 8, the prerequisites met at 11).
    everyone = load(setting, text, today)
    if not setting.recent_stored:  # not yet counted for today: counted live, put in place
        recent = recent_attendance(today)
        everyone = {pk: (*v[:10], recent.get(pk, 0), v[11]) for pk, v in everyone.items()}
    active = Status.ACTIVE.value
    inactive = {pk for pk, values in everyone.items() if values[2] != active}
    ranked = everyone.keys() - inactive  # the active: the others are only shown apart
    # Found by a name search with none of the experience or skills asked for. With nothing
    # asked for, everyone matches.
    asked = bool(setting.areas or setting.skills)
    unmatched = {pk for pk, v in everyone.items() if not v[6] and not v[7]} if asked else set()
    # Who has not met every prerequisite: the query read which each has met, as bits.
    prerequisites = setting.prerequisites
    lacking: set[int] = set()
    if prerequisites is not None:
        everything = prerequisites.all_met
        lacking = {pk for pk in ranked if everyone[pk][11] != everything}
    notes, invited = invitations(opportunity, upcoming, sessions, for_session, everyone)
    apart = inactive | lacking | invited.keys()

    # Payments already due near the first session, for the experts who declared an earnings
    # limit and could reach the places shown (looked up by the ranking, one query).
    earnings_of = None
    if setting.fee and setting.first_day:
        near_day = setting.first_day

        def earnings_of(ids: list[int]) -> dict:
            # Past a few hundred (many tied near the top), naming them took longer than
            # reading everyone with a limit.
            return earnings_near(near_day, ids if len(ids) <= EARNINGS_NAMED_MOST else None)

    ranking = Ranking(setting, count_weights(setting), earnings_of)
    eligible = ranked - apart - unmatched
    best = ranking.best((everyone[i] for i in eligible), limit)
    named = (ranked & unmatched) - apart
    by_name = ranking.best((everyone[i] for i in named), limit)
    shown_apart = heapq.nsmallest(limit, apart, key=lambda i: (everyone[i][1].casefold(), i))
    shown = [r.id for r in best + by_name]
    areas, skills, needs = details(setting, shown)
    # Only what the page and the reasons read: the whole record of each took a tenth of the
    # shortlist's time.
    experts = (
        Expert.objects.select_related("locality").only(*SHOWN_FIELDS).in_bulk(shown + shown_apart)
    )

    def explained(row: Row) -> Candidate:
        row.areas, row.skills, row.needs = areas[row.id], skills[row.id], needs[row.id]
        with_answers(row, experts[row.id])
        score, reasons = assess(row, setting)
        return Candidate(experts[row.id], score, reasons + notes.get(row.id, []), row.recent)

    def why_apart(expert_id: int) -> list[str]:
        """In this order: not active, a prerequisite missing, invited already, and (found by
        name) matching nothing asked for."""
        status = everyone[expert_id][2]
        why = [words.STATUS_WHY.get(status, "Not active")] if status != active else []
        if expert_id in lacking and prerequisites is not None:
            why.append(prerequisites.missing(everyone[expert_id][11]))
        if expert_id in invited:
            why.append(invited[expert_id])
        if expert_id in unmatched:
            why.append(words.NOTHING_ASKED_FOR)
        return why

    return Shortlist(
        opportunity=opportunity,
        sessions=sessions,
        candidates=[explained(r) for r in best],
        considered=len(eligible),
        apart=[Apart(experts[i], why_apart(i)) for i in shown_apart],
        apart_total=len(apart),
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
