"""The shortlist for an opportunity: active experts ranked by how well they fit, each with the
reasons in words, and apart from them the experts who cannot be invited yet, with why.

The shortlist is for every upcoming session, or for one of them (a session added later): an
expert already invited to the other sessions of the work is still ranked for this one, with a
note. A search by name also finds active experts who have none of the experience or skills
asked for, listed on their own, so that the team can invite a person they know is right.

The rules and their weights are the constants below; `rules_in_words()` says them in plain
English for the page, and docs/shortlist.md says the same (a test keeps the three in step).

Speed: a register of 20,000 experts is narrowed in SQL to the active experts who have at least
one wanted area or skill. Their fields, many-to-many ids, recent attendance and prerequisites
come in one query each, never one per expert, and are scored in Python. Only the experts shown
are loaded as model instances. The number of queries does not depend on the number of rows.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from coproduce.core.formats import count_of, long_date, lower_first, money
from coproduce.core.formats import time_of_day as clock
from coproduce.core.memory import cycle_collection_paused
from coproduce.onboarding.models import Completion, Prerequisite
from coproduce.opportunities.choices import Format, InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Opportunity, Session, Venue
from coproduce.opportunities.queries.recent import recent_attendance
from coproduce.payments.calculations import Fee, assessment_period_of, week_of
from coproduce.payments.queries.benefits import earned_in, earnings_near
from coproduce.payments.queries.fees import fee_for
from coproduce.people.choices import BenefitsDeclaration, PaymentPreference, Status, TimeOfDay
from coproduce.people.choices import Weekday as Day
from coproduce.people.models import AccessNeed, Expert, Locality

# The weights. Change them here and in docs/shortlist.md: a test checks they agree.
AREA_MATCH = 3  # for each wanted lived-experience area the expert has
SKILL_MATCH = 2  # for each wanted skill the expert has
AVAILABLE_ALL = 2  # usually available on the day and at the time of every upcoming session
AVAILABLE_SOME = 1  # available for some of the session times, not all
AVAILABLE_NONE = -1  # available for none of them
NOTICE_ENOUGH = 1  # the first session is at least as many days away as the notice they need
NOTICE_SHORT = -2  # it is sooner than that
SAME_LOCALITY = 1  # they live in the venue's locality
NEED_NOT_MET_IN_PERSON = -2  # each access need the venue does not meet, in person
NEED_NOT_MET_HYBRID = -1  # the same, where they could join online instead
OVER_EARNINGS_LIMIT = -2  # one session's fee alone is over their declared earnings limit
# Sessions attended in the last 12 months: (at most this many, points). Fewer ranks higher,
# so that work spreads beyond the usual few.
INVOLVEMENT = [(0, 3), (2, 2), (6, 0)]
INVOLVEMENT_MANY = -2  # more than the last band's number
# The most the rules other than lived experience and skills can add: a bound that lets the
# shortlist stop scoring experts who could not reach the places shown.
CEILING = AVAILABLE_ALL + NOTICE_ENOUGH + SAME_LOCALITY + max(p for _, p in INVOLVEMENT)
# Local time of day a session starts: before noon is a morning, before 5pm an afternoon.
AFTERNOON_FROM, EVENING_FROM = 12, 17


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

    @property
    def has_more(self) -> bool:
        return self.considered > len(self.candidates)


def rules_in_words() -> list[str]:
    """The ranking rules in plain English, made from the same constants the scoring uses."""
    (none, none_points), (few, few_points), (some, some_points) = INVOLVEMENT
    return [
        f"Lived experience: plus {AREA_MATCH} for each lived-experience area asked for that "
        "the expert has.",
        f"Skills: plus {SKILL_MATCH} for each skill asked for that the expert has.",
        f"Availability: plus {AVAILABLE_ALL} if they are usually free on the day and at the "
        f"time of day of every upcoming session, plus {AVAILABLE_SOME} if for some of them, "
        f"minus {-AVAILABLE_NONE} if for none. Times are UK local time: a session starting "
        f"before 12 noon is in the morning, before {EVENING_FROM - 12}pm in the afternoon, "
        "later in the evening. An expert who gave days but no times of day is taken to be free "
        "all day on those days. No days recorded, or work done in writing, counts nothing.",
        f"Notice: plus {NOTICE_ENOUGH} if the first upcoming session is at least as many days "
        f"away as the notice they say they need, minus {-NOTICE_SHORT} if it is sooner.",
        f"Locality and travel: plus {SAME_LOCALITY} if they live in the venue's locality. "
        "Living elsewhere, or online work, counts nothing; the page says where they live.",
        "Access needs: each need the venue meets is a note. Each need it does not meet is "
        f"minus {-NEED_NOT_MET_IN_PERSON} in person, or minus {-NEED_NOT_MET_HYBRID} for hybrid "
        "work, where they could join online. For online work and work in writing there is no "
        "venue, so needs such as step-free access do not apply: each need is a note for the "
        "team to arrange.",
        f"Involvement in the last 12 months (sessions attended): plus {none_points} for none, "
        f"plus {few_points} for 1 or {few}, {some_points} for {few + 1} to {some}, "
        f"minus {-INVOLVEMENT_MANY} for more than {some}, so that work spreads beyond the usual "
        "few.",
        "Paid work and benefits: the fee for one session is the payment policy's rate for this "
        "type of work (or the opportunity's agreed hourly rate) for the session's length. If "
        "the fee, added to the involvement payments already due in the same week (or monthly "
        "assessment period) as the first session, is over the expert's declared earnings limit, "
        f"minus {-OVER_EARNINGS_LIMIT}: offer expenses only, a reduced fee, or let them decline "
        "the fee. Payments already due are claims not rejected, and places accepted at paid "
        "sessions not yet attended; expenses never count. An expert who declared any payment "
        "could affect their benefits is noted as wanting expenses only.",
        "Prerequisites: every prerequisite is a must. Experts who have not met one (or whose "
        "training or agreement has expired by the first session) are shown apart.",
        "Shown apart: experts who are paused, have left, or are not yet active (an enquiry or "
        "still onboarding); experts missing a prerequisite; and experts already invited to "
        "every session the shortlist is for. An expert invited to some of them, or to other "
        "sessions of the same work, is still ranked, with a note saying so.",
        "Only experts with at least one lived-experience area or skill asked for are ranked; if "
        "none is asked for, every active expert is. Ties go to the expert with the fewest "
        "sessions in the last 12 months, then by name.",
        "Searching by name also finds active experts with none of the lived experience or skills "
        "asked for. They are listed on their own, scored by the same rules, and can be invited "
        "like anyone ranked; those who cannot be invited are shown apart, like anyone else.",
    ]


def involvement_points(attended: int) -> int:
    for most, points in INVOLVEMENT:
        if attended <= most:
            return points
    return INVOLVEMENT_MANY


def time_of_day(at: datetime) -> str:
    local = timezone.localtime(at)
    if local.hour < AFTERNOON_FROM:
        return TimeOfDay.MORNING
    if local.hour < EVENING_FROM:
        return TimeOfDay.AFTERNOON
    return TimeOfDay.EVENING


WEEKDAYS = list(Day.values)  # Monday first, as date.weekday() counts


def weekday(at: datetime) -> str:
    return WEEKDAYS[timezone.localtime(at).weekday()]


def _slot_words(slot: tuple[str, str]) -> str:
    day, tod = slot
    return f"{Day(day).label} {TimeOfDay(tod).label.lower()}"


def session_fee(opportunity: Opportunity, session: Session | None) -> Fee | None:
    """One expert's fee for the session, as every page and the claim work it out
    (payments.queries.fees.fee_for)."""
    if session is None or not opportunity.paid:
        return None
    return fee_for(opportunity, session)


def _fee_words(opportunity: Opportunity, session: Session | None, worked: Fee | None) -> str:
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


@dataclass
class _Setting:
    """What every expert is measured against, worked out once."""

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


# Fields read for each candidate, in this order. Days, times and the earnings limit come as
# text: decoding JSON and Decimals for thousands of experts would take longer than the query,
# and only a few need them (see _Row).
_FIELDS = (
    "id",
    "full_name",
    "status",
    "locality_id",
    "days_text",
    "times_text",
    "notice_days",
    "payment_preference",
    "benefits_declaration",
    "limit_text",
    "assessment_period_start_day",
)
_TEXT = {
    "days_text": Cast("available_days", CharField()),
    "times_text": Cast("available_times", CharField()),
    "limit_text": Cast("earnings_limit", CharField()),
}


@dataclass(slots=True)
class _Row:
    """One candidate as read: available days and times as their JSON text ('["mon", "tue"]'),
    which is searched for a quoted code ('"tue"'); the earnings limit as text, made a Decimal
    only where a limit is declared."""

    id: int
    full_name: str
    status: str
    locality_id: int | None
    days_text: str | None
    times_text: str | None
    notice_days: int
    payment_preference: str
    benefits_declaration: str
    limit_text: str | None
    period_start_day: int | None
    areas: list[int] = field(default_factory=list)
    skills: list[int] = field(default_factory=list)
    needs: list[int] = field(default_factory=list)
    recent: int = 0
    # Involvement payments near the first session (date, amount), for a declared limit.
    earnings: list[tuple[date, Decimal]] = field(default_factory=list)


def _has(text: str | None, code: str) -> bool:
    return bool(text) and f'"{code}"' in text  # type: ignore[operator]


class _Tally:
    """Adds up the points; words each reason only when asked to, since most of the experts
    scored are never shown and wording thousands of reasons is most of the work."""

    __slots__ = ("reasons", "score")

    def __init__(self, explain: bool):
        self.score = 0
        self.reasons: list[Reason] | None = [] if explain else None

    def add(self, effect: Effect, points: int, words: Callable[[], str] | str) -> None:
        self.score += points
        if self.reasons is not None:
            self.reasons.append(Reason(effect, words() if callable(words) else words, points))


def assess(row: _Row, s: _Setting, *, explain: bool = True) -> tuple[int, list[Reason]]:
    """The expert's score and the reasons for it, rule by rule as rules_in_words() says.
    Without `explain`, the same score and no reasons."""
    t = _Tally(explain)

    # Lived experience and skills asked for
    areas = [a for a in row.areas if a in s.areas]
    if areas:
        t.add(
            Effect.PLUS,
            AREA_MATCH * len(areas),
            lambda: f"Lived experience of {_and([s.areas[a] for a in areas])}",
        )
    elif s.areas:
        t.add(Effect.NOTE, 0, "None of the lived experience asked for")
    skills = [k for k in row.skills if k in s.skills]
    if skills:
        t.add(
            Effect.PLUS,
            SKILL_MATCH * len(skills),
            lambda: f"Skills: {_and([s.skills[k] for k in skills])}",
        )
    elif s.skills:
        t.add(Effect.NOTE, 0, "None of the skills asked for")

    # Availability and notice
    if s.format == Format.WRITTEN:
        pass
    elif not s.slots:
        t.add(Effect.NOTE, 0, "No upcoming session, so availability is not checked")
    elif not row.days_text or '"' not in row.days_text:
        t.add(Effect.NOTE, 0, "Has not said which days they are available")
    else:
        days, times = row.days_text, row.times_text
        any_time = not times or '"' not in times
        free = [x for x in s.slots if _has(days, x[0]) and (any_time or _has(times, x[1]))]
        if len(free) == len(s.slots):
            t.add(Effect.PLUS, AVAILABLE_ALL, lambda: f"Available on {_and(s.slots_words)}")
        elif free:
            t.add(
                Effect.PLUS,
                AVAILABLE_SOME,
                lambda: (
                    f"Available on {_and([_slot_words(f) for f in free])}, not every session time"
                ),
            )
        else:
            t.add(
                Effect.MINUS,
                AVAILABLE_NONE,
                lambda: f"Not usually available on {_or(s.slots_words)}",
            )
    if s.notice_days is not None:
        needs = row.notice_days
        if s.notice_days >= needs:
            t.add(
                Effect.PLUS,
                NOTICE_ENOUGH,
                lambda: f"Enough notice: they need {count_of(needs, 'day')}",
            )
        else:
            t.add(
                Effect.MINUS,
                NOTICE_SHORT,
                lambda: (
                    f"Short notice: they need {count_of(needs, 'day')}, the first session "
                    f"is in {count_of(s.notice_days or 0, 'day')}"
                ),
            )

    # Locality and travel
    if s.format in (Format.IN_PERSON, Format.HYBRID) and s.venue_locality:
        where = s.locality_names.get(row.locality_id) if row.locality_id else None
        if row.locality_id == s.venue_locality:
            t.add(Effect.PLUS, SAME_LOCALITY, lambda: f"Lives in {where}, where the venue is")
        else:
            venue_place = s.locality_names.get(s.venue_locality, "")
            lives = f"Lives in {where}" if where else "Locality not recorded"
            t.add(Effect.NOTE, 0, lambda: f"{lives}; the venue is in {venue_place}")

    # Access needs
    if row.needs:
        at_venue = s.format in (Format.IN_PERSON, Format.HYBRID) and s.has_venue
        for need in row.needs:
            name = lower_first(s.need_names.get(need, ""))
            if not at_venue:
                t.add(Effect.NOTE, 0, lambda name=name: f"Needs {name}: the team arranges it")
            elif need in s.venue_needs:
                t.add(Effect.NOTE, 0, lambda name=name: f"Needs {name}: the venue provides it")
            elif s.format == Format.HYBRID:
                t.add(
                    Effect.MINUS,
                    NEED_NOT_MET_HYBRID,
                    lambda name=name: (
                        f"Needs {name}: the venue does not provide it, they could join online"
                    ),
                )
            else:
                t.add(
                    Effect.MINUS,
                    NEED_NOT_MET_IN_PERSON,
                    lambda name=name: f"Needs {name}: the venue does not provide it",
                )

    # Involvement in the last 12 months
    recent = row.recent
    points = involvement_points(recent)
    t.add(
        Effect.PLUS if points > 0 else Effect.MINUS if points < 0 else Effect.NOTE,
        points,
        lambda: (
            ("No sessions" if recent == 0 else count_of(recent, "session"))
            + " attended in the last 12 months"
        ),
    )

    # Payment and benefits
    if s.paid:
        if row.payment_preference == PaymentPreference.VOLUNTEER:
            t.add(Effect.NOTE, 0, "Prefers to volunteer without payment")
        elif row.payment_preference == PaymentPreference.EXPENSES_ONLY:
            t.add(Effect.NOTE, 0, "Prefers expenses only")
        declared, fee = row.benefits_declaration, s.fee
        if declared == BenefitsDeclaration.EXPENSES_ONLY:
            t.add(Effect.NOTE, 0, "Wants expenses only: any payment could affect benefits")
        elif (
            declared in (BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT)
            and row.limit_text
            and fee is not None
            and s.first_day is not None
        ):
            limit = Decimal(row.limit_text)
            weekly = declared == BenefitsDeclaration.WEEKLY_LIMIT
            if weekly:
                period = week_of(s.first_day)
            elif row.period_start_day:
                period = assessment_period_of(s.first_day, row.period_start_day)
            else:
                period = None
            earned = earned_in(row.earnings, period) if period else Decimal("0.00")
            when = "week" if weekly else "assessment period"
            already = f" on top of {money(earned)} already due in that {when}" if earned else ""
            if fee + earned > limit:
                t.add(
                    Effect.MINUS,
                    OVER_EARNINGS_LIMIT,
                    lambda: (
                        f"The fee of {money(fee)} for one session{already} is over their "
                        f"{'weekly' if weekly else 'monthly'} earnings limit of {money(limit)}: "
                        "offer expenses only, a reduced fee, or they may decline the fee"
                    ),
                )
            else:
                t.add(
                    Effect.NOTE,
                    0,
                    lambda: (
                        f"The fee of {money(fee)}{already} is within their "
                        f"{'weekly' if weekly else 'monthly'} earnings limit of {money(limit)}"
                    ),
                )
    return t.score, t.reasons or []


def _and(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _name_filter(experts: QuerySet[Expert], text: str) -> QuerySet[Expert]:
    text = text.strip()
    if not text:
        return experts
    return experts.filter(Q(full_name__icontains=text) | Q(preferred_name__icontains=text))


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
    with cycle_collection_paused():  # tens of thousands of rows, none in a cycle
        return _shortlist(opportunity, limit=limit, today=today, text=text, session_id=session_id)


def _answers(statuses: list[str]) -> str:
    return _and(sorted({InvitationStatus(x).label.lower() for x in statuses}))


def _shortlist(
    opportunity: Opportunity,
    *,
    limit: int,
    today: date | None,
    text: str,
    session_id: int | None,
) -> Shortlist:
    today = today or timezone.localdate()
    start_of_today = _local_midnight(today)
    upcoming = list(
        Session.objects.filter(
            opportunity=opportunity,
            status=SessionStatus.SCHEDULED,
            starts_at__gte=start_of_today,
        )
        .select_related("venue__locality")
        .order_by("starts_at", "id")
    )
    for_session = next((x for x in upcoming if x.pk == session_id), None)
    # Who is measured against what: the one session asked for, else every upcoming one.
    sessions = [for_session] if for_session else upcoming
    first = sessions[0] if sessions else None
    venue = first.venue if first and first.venue_id else opportunity.venue
    areas = dict(opportunity.wanted_experience.values_list("id", "name"))
    skills = dict(opportunity.wanted_skills.values_list("id", "name"))
    slots = sorted(
        {(weekday(x.starts_at), time_of_day(x.starts_at)) for x in sessions},
        key=lambda slot: (WEEKDAYS.index(slot[0]), list(TimeOfDay.values).index(slot[1])),
    )
    first_fee = session_fee(opportunity, first)
    setting = _Setting(
        format=opportunity.format,
        areas=areas,
        skills=skills,
        slots=slots,
        notice_days=(timezone.localdate(first.starts_at) - today).days if first else None,
        has_venue=venue is not None,
        venue_locality=venue.locality_id if venue else None,
        venue_needs=set(venue.meets_needs.values_list("id", flat=True)) if venue else set(),
        need_names=dict(AccessNeed.objects.values_list("id", "name")),
        locality_names=dict(Locality.objects.values_list("id", "name")),
        fee=first_fee.amount if first_fee else None,
        paid=opportunity.paid,
        first_day=timezone.localdate(first.starts_at) if first else None,
        slots_words=[_slot_words(slot) for slot in slots],
    )

    # Experts with at least one wanted area or skill: the rest have nothing to offer this work,
    # unless the team searched for them by name. People whose processing is restricted are
    # left out altogether, even by name (UK GDPR article 18).
    text = text.strip()
    relevant = _name_filter(Expert.objects.processable(), text)
    through_areas = Expert.lived_experience.through.objects.filter(
        livedexperiencearea_id__in=list(areas)
    )
    through_skills = Expert.skills.through.objects.filter(skill_id__in=list(skills))
    if (areas or skills) and not text:
        relevant = relevant.filter(
            Q(pk__in=through_areas.values("expert_id"))
            | Q(pk__in=through_skills.values("expert_id"))
        )
    active = relevant.filter(status=Status.ACTIVE)
    # Plain tuples, and lists keyed by expert: a _Row is made only for the experts scored.
    rows: dict[int, tuple] = {}
    areas_of: dict[int, list[int]] = defaultdict(list)
    skills_of: dict[int, list[int]] = defaultdict(list)
    needs_of: dict[int, list[int]] = defaultdict(list)
    recent_of: dict[int, int] = {}
    why_apart: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    read = list(relevant.order_by().annotate(**_TEXT).values_list(*_FIELDS))
    if areas:
        for expert_id, area_id in through_areas.values_list("expert_id", "livedexperiencearea_id"):
            areas_of[expert_id].append(area_id)
    if skills:
        for expert_id, skill_id in through_skills.values_list("expert_id", "skill_id"):
            skills_of[expert_id].append(skill_id)
    # Found by a name search with none of the experience or skills asked for. With nothing
    # asked for, everyone matches.
    unmatched = (
        {v[0] for v in read if v[0] not in areas_of and v[0] not in skills_of}
        if areas or skills
        else set()
    )
    for values in read:
        if values[2] == Status.ACTIVE:
            rows[values[0]] = values
        else:
            names[values[0]] = values[1]
            why_apart[values[0]].append(STATUS_WHY.get(values[2], "Not active"))
    # Every expert's needs, unfiltered: the table is small, and filtering it by status means
    # reading the wide experts table (most of this query's time with 20,000 experts). Only
    # the needs of the active experts in `rows` are ever looked at.
    needs = Expert.access_needs.through.objects.order_by("accessneed_id")
    for expert_id, need_id in needs.values_list("expert_id", "accessneed_id"):
        needs_of[expert_id].append(need_id)
    recent_of.update(recent_attendance(today))

    # Who else cannot be invited: missing a prerequisite, or already invited.
    prerequisites = [p for p in opportunity.prerequisites if p in Prerequisite.values]
    if prerequisites and rows:
        on_day = timezone.localdate(first.starts_at) if first else today
        met: dict[int, set[str]] = defaultdict(set)
        completions = Completion.objects.filter(
            expert_id__in=active.values("pk"),
            prerequisite__in=prerequisites,
            completed_on__lte=today,
        ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on_day))
        for expert_id, code in completions.values_list("expert_id", "prerequisite"):
            met[expert_id].add(code)
        for expert_id, values in rows.items():
            missing = [p for p in prerequisites if p not in met[expert_id]]
            if missing:
                labels = [Prerequisite(p).label.lower() for p in missing]
                why_apart[expert_id].append(f"Missing a prerequisite: {_and(labels)}")
                names[expert_id] = values[1]
    # Invitations to this work's upcoming sessions. Only being invited to every session the
    # shortlist is for leaves nothing to invite someone to; the rest is a note.
    wanted = {x.pk for x in sessions}
    here: dict[int, list[str]] = defaultdict(list)  # to the sessions the shortlist is for
    elsewhere: dict[int, list[str]] = defaultdict(list)  # to the work's other sessions
    for expert_id, session, status in (
        Invitation.objects.filter(session__opportunity=opportunity, session__in=upcoming)
        .values_list("expert_id", "session_id", "status")
        .order_by("session__starts_at")
    ):
        (here if session in wanted else elsewhere)[expert_id].append(status)
    notes: dict[int, list[Reason]] = defaultdict(list)
    for expert_id, statuses in here.items():
        if expert_id not in rows and expert_id not in names:
            continue
        if len(statuses) < len(sessions):
            notes[expert_id].append(
                Reason(
                    Effect.NOTE,
                    f"Already invited to {len(statuses)} of these {len(sessions)} sessions "
                    f"({_answers(statuses)}): only the others would be new invitations",
                )
            )
        elif for_session:
            why_apart[expert_id].append(f"Already invited to this session ({_answers(statuses)})")
        else:
            why_apart[expert_id].append(
                f"Already invited to {count_of(len(statuses), 'upcoming session')} of this "
                f"opportunity ({_answers(statuses)})"
            )
        names.setdefault(expert_id, rows[expert_id][1] if expert_id in rows else "")
    for expert_id, statuses in elsewhere.items():
        notes[expert_id].append(
            Reason(
                Effect.NOTE,
                f"Invited to {count_of(len(statuses), 'other session')} of this work "
                f"({_answers(statuses)})",
            )
        )
    # Found by name but shown apart: say too that they match nothing asked for.
    for expert_id in unmatched & why_apart.keys():
        why_apart[expert_id].append(NOTHING_ASKED_FOR)

    # Payments already due near the first session, for experts who declared an earnings limit.
    earnings = (
        earnings_near(setting.first_day) if setting.fee and setting.first_day and rows else {}
    )

    def row(i: int) -> _Row:
        return _Row(
            *rows[i],
            areas_of[i],
            skills_of[i],
            needs_of[i],
            recent_of.get(i, 0),
            earnings.get(i, []),
        )

    def explained(i: int) -> tuple[int, int, list[Reason]]:
        score, reasons = assess(row(i), setting)
        return i, score, reasons + notes.get(i, [])

    # Score the rest, best first; ties to the least involved, then by name. Experts are scored
    # in order of the most they could score (their matches, and every other rule at its best),
    # stopping once no one left could reach the last place shown.
    eligible = [i for i in rows if i not in why_apart and i not in unmatched]
    by_ceiling: dict[int, list[int]] = defaultdict(list)
    for i in eligible:
        ceiling = AREA_MATCH * len(areas_of[i]) + SKILL_MATCH * len(skills_of[i]) + CEILING
        by_ceiling[ceiling].append(i)
    scored: list[tuple[int, int, str, int]] = []
    for ceiling in sorted(by_ceiling, reverse=True):
        if len(scored) >= limit and -scored[limit - 1][0] > ceiling:
            break
        for i in by_ceiling[ceiling]:
            score, _ = assess(row(i), setting, explain=False)
            scored.append((-score, recent_of.get(i, 0), rows[i][1].casefold(), i))
        scored.sort()
    best = [explained(i) for _, _, _, i in scored[:limit]]
    # Found by name only: few, since a name was typed, so every one is scored.
    named = sorted(
        (-assess(row(i), setting, explain=False)[0], recent_of.get(i, 0), rows[i][1].casefold(), i)
        for i in rows
        if i in unmatched and i not in why_apart
    )
    by_name = [explained(i) for _, _, _, i in named[:limit]]
    apart_ids = sorted(why_apart, key=lambda i: (names.get(i, "").casefold(), i))
    shown_apart = apart_ids[:limit]
    experts = Expert.objects.select_related("locality").in_bulk(
        [item[0] for item in best + by_name] + shown_apart
    )
    return Shortlist(
        opportunity=opportunity,
        sessions=sessions,
        candidates=[
            Candidate(experts[i], score, reasons, recent_of.get(i, 0)) for i, score, reasons in best
        ],
        considered=len(eligible),
        apart=[Apart(experts[i], why_apart[i]) for i in shown_apart],
        apart_total=len(apart_ids),
        fee=setting.fee,
        fee_words=_fee_words(opportunity, first, first_fee),
        venue=venue,
        wanted_areas=sorted(areas.values()),
        wanted_skills=sorted(skills.values()),
        upcoming=upcoming,
        for_session=for_session,
        session_not_found=session_id is not None and for_session is None,
        by_name=[
            Candidate(experts[i], score, reasons, recent_of.get(i, 0))
            for i, score, reasons in by_name
        ],
        by_name_total=len(named),
    )


NOTHING_ASKED_FOR = "Has none of the lived experience or skills this work asks for"


STATUS_WHY = {
    Status.PAUSED: "Paused: taking a break",
    Status.LEFT: "Has left the register",
    Status.ENQUIRY: "Not yet active: still an enquiry",
    Status.ONBOARDING: "Not yet active: still onboarding",
}


def describe_sessions(sessions: list[Session]) -> list[str]:
    """The upcoming sessions in words, for the page's summary."""
    return [
        f"{long_date(x.starts_at)}, {clock(x.starts_at)} to {clock(x.ends_at)}" for x in sessions
    ]
