"""Scoring: each expert's points rule by rule, as rules.rules_in_words() says, and the ranking.

The counts come from the database (candidates.py); scoring adds what needs the expert's
answers (days, times, notice, earnings limit). Reasons are worded (reasons.py) only for the
experts shown: most experts scored are never shown."""

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coproduce.core.periods import assessment_period_of, week_of
from coproduce.opportunities.choices import Format
from coproduce.opportunities.matching import reasons as words
from coproduce.opportunities.matching.reasons import Effect, Reason
from coproduce.opportunities.matching.rules import (
    AREA_MATCH,
    AVAILABLE_ALL,
    AVAILABLE_NONE,
    AVAILABLE_SOME,
    NEED_NOT_MET_HYBRID,
    NEED_NOT_MET_IN_PERSON,
    NOTICE_ENOUGH,
    NOTICE_SHORT,
    OVER_EARNINGS_LIMIT,
    SAME_LOCALITY,
    SKILL_MATCH,
    involvement_points,
)
from coproduce.opportunities.matching.setting import Setting
from coproduce.opportunities.pay import earned_in
from coproduce.people.choices import BenefitsDeclaration, PaymentPreference
from coproduce.people.models import Expert


@dataclass(slots=True)
class Row:
    """One candidate as read (candidates.FIELDS, in order): available days and times as their
    JSON text ('["mon", "tue"]'), which is searched for a quoted code ('"tue"'); the earnings
    limit as text, made a Decimal only where a limit is declared."""

    id: int
    full_name: str
    status: str
    benefits_declaration: str
    period_start_day: int | None
    limit_text: str | None
    area_count: int  # wanted areas they have
    skill_count: int  # wanted skills they have
    unmet_needs: int  # access needs the venue does not meet (0 with no venue)
    points: int  # the rules the database adds up (points.py), with the counts weighed
    recent: int = 0  # sessions attended in the last 12 months (as stored, or counted live)
    involvement: int = 0  # the involvement rule's points for `recent`
    # Involvement payments near the first session (date, amount), for a declared limit.
    earnings: Sequence[tuple[date, Decimal]] = ()
    # Read only for the experts shown, to word the reasons (with_answers and candidates.details).
    locality_id: int | None = None
    notice_days: int = 0
    payment_preference: str = ""
    days_text: str | None = None
    times_text: str | None = None
    areas: Sequence[int] = ()
    skills: Sequence[int] = ()
    needs: Sequence[int] = ()

    @property
    def ceiling(self) -> int:
        """The most they could score: the earnings limit only ever takes points away."""
        return self.points + self.involvement


def row_of(values: tuple, weights: tuple[int, int, int], involvement: int) -> Row:
    """A row as candidates.read() reads it, with its counts weighed (points.count_weights),
    its recent attendance and its involvement points. Made in one call, each column unpacked,
    since it runs for each of up to 20,000 experts."""
    pk, name, status, declared, day, limit_text, areas, skills, unmet, points, recent, _ = values
    per_area, per_skill, per_need = weights
    points += per_area * areas + per_skill * skills + per_need * unmet
    return Row(
        pk,
        name,
        status,
        declared,
        day,
        limit_text,
        areas,
        skills,
        unmet,
        points,
        recent,
        involvement,
    )


def with_answers(row: Row, expert: Expert) -> None:
    """Adds the expert's answers that only the words of the reasons need (the database has
    scored them already): days and times as JSON text, as points.py searches them."""
    row.locality_id, row.notice_days = expert.locality_id, expert.notice_days
    row.payment_preference = expert.payment_preference
    row.days_text = json.dumps(expert.available_days)
    row.times_text = json.dumps(expert.available_times)


LIMITS = (BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT)


def score(row: Row, s: Setting) -> int:
    """The same score as assess(), from the points the database added up: only the earnings
    limit is worked out here, for the few who declared one."""
    total = row.points + row.involvement
    if s.paid and row.benefits_declaration in LIMITS:
        t = _Tally(explain=False)
        _payment(t, row, s)
        total += t.score
    return total


def _has(text: str | None, code: str) -> bool:
    return bool(text) and f'"{code}"' in text  # type: ignore[operator]


class _Tally:
    """Adds up the points; words each reason only when asked to."""

    __slots__ = ("reasons", "score")

    def __init__(self, explain: bool):
        self.score = 0
        self.reasons: list[Reason] | None = [] if explain else None

    def add(self, effect: Effect, points: int, said: Callable[[], str] | str) -> None:
        self.score += points
        if self.reasons is not None:
            self.reasons.append(Reason(effect, said() if callable(said) else said, points))


def assess(row: Row, s: Setting, *, explain: bool = True) -> tuple[int, list[Reason]]:
    """The expert's score and the reasons for it, rule by rule as rules_in_words() says, for
    the experts shown. Without `explain`, the same score and no reasons (and `row` needs only
    the counts, not the lists). Ranking uses score(), which must agree."""
    t = _Tally(explain)

    # Lived experience and skills asked for
    if row.area_count:
        t.add(
            Effect.PLUS,
            AREA_MATCH * row.area_count,
            lambda: words.lived_experience([s.areas[a] for a in row.areas]),
        )
    elif s.areas:
        t.add(Effect.NOTE, 0, words.NO_AREAS)
    if row.skill_count:
        t.add(
            Effect.PLUS,
            SKILL_MATCH * row.skill_count,
            lambda: words.skills([s.skills[k] for k in row.skills]),
        )
    elif s.skills:
        t.add(Effect.NOTE, 0, words.NO_SKILLS)

    # Availability and notice
    if s.format == Format.WRITTEN:
        pass
    elif not s.slots:
        t.add(Effect.NOTE, 0, words.NO_SESSION)
    elif not row.days_text or '"' not in row.days_text:
        t.add(Effect.NOTE, 0, words.NO_DAYS)
    else:
        days, times = row.days_text, row.times_text
        any_time = not times or '"' not in times
        free = [x for x in s.slots if _has(days, x[0]) and (any_time or _has(times, x[1]))]
        if len(free) == len(s.slots):
            t.add(Effect.PLUS, AVAILABLE_ALL, lambda: words.available_all(s.slots_words))
        elif free:
            t.add(Effect.PLUS, AVAILABLE_SOME, lambda: words.available_some(free))
        else:
            t.add(Effect.MINUS, AVAILABLE_NONE, lambda: words.available_none(s.slots_words))
    if s.notice_days is not None:
        needs, notice = row.notice_days, s.notice_days
        if notice >= needs:
            t.add(Effect.PLUS, NOTICE_ENOUGH, lambda: words.enough_notice(needs))
        else:
            t.add(Effect.MINUS, NOTICE_SHORT, lambda: words.short_notice(needs, notice))

    # Locality and travel
    if s.format in (Format.IN_PERSON, Format.HYBRID) and s.venue_locality:
        where = s.locality_names.get(row.locality_id) if row.locality_id else None
        if row.locality_id == s.venue_locality:
            t.add(Effect.PLUS, SAME_LOCALITY, lambda: words.same_locality(where))
        else:
            place = s.locality_names.get(s.venue_locality, "")
            t.add(Effect.NOTE, 0, lambda: words.elsewhere(where, place))

    # Access needs: counted in the database, worded only when explaining.
    _needs(t, row, s)

    # Involvement in the last 12 months: the band's points come from the database.
    points = row.involvement
    effect = Effect.PLUS if points > 0 else Effect.MINUS if points < 0 else Effect.NOTE
    t.add(effect, points, lambda: words.involvement(row.recent))

    # Payment and benefits
    if s.paid:
        _payment(t, row, s)
    return t.score, t.reasons or []


def _needs(t: _Tally, row: Row, s: Setting) -> None:
    at_venue = s.format in (Format.IN_PERSON, Format.HYBRID) and s.has_venue
    hybrid = s.format == Format.HYBRID
    unmet = NEED_NOT_MET_HYBRID if hybrid else NEED_NOT_MET_IN_PERSON
    if t.reasons is None:
        t.score += unmet * row.unmet_needs if at_venue else 0
        return
    for need in row.needs:
        name = s.need_names.get(need, "")
        if not at_venue:
            t.add(Effect.NOTE, 0, words.need_arranged(name))
        elif need in s.venue_needs:
            t.add(Effect.NOTE, 0, words.need_met(name))
        elif hybrid:
            t.add(Effect.MINUS, unmet, words.need_not_met_hybrid(name))
        else:
            t.add(Effect.MINUS, unmet, words.need_not_met(name))


def _payment(t: _Tally, row: Row, s: Setting) -> None:
    if row.payment_preference == PaymentPreference.VOLUNTEER:
        t.add(Effect.NOTE, 0, words.PREFERS_VOLUNTEERING)
    elif row.payment_preference == PaymentPreference.EXPENSES_ONLY:
        t.add(Effect.NOTE, 0, words.PREFERS_EXPENSES)
    declared, fee = row.benefits_declaration, s.fee
    if declared == BenefitsDeclaration.EXPENSES_ONLY:
        t.add(Effect.NOTE, 0, words.WANTS_EXPENSES)
        return
    if not (
        declared in (BenefitsDeclaration.WEEKLY_LIMIT, BenefitsDeclaration.MONTHLY_LIMIT)
        and row.limit_text
        and fee is not None
        and s.first_day is not None
    ):
        return
    limit = Decimal(row.limit_text)
    weekly = declared == BenefitsDeclaration.WEEKLY_LIMIT
    if weekly:
        period = week_of(s.first_day)
    elif row.period_start_day:
        period = assessment_period_of(s.first_day, row.period_start_day)
    else:
        period = None
    earned = earned_in(row.earnings, period) if period else Decimal("0.00")
    already = words.already_due(earned, weekly)
    if fee + earned > limit:
        t.add(
            Effect.MINUS,
            OVER_EARNINGS_LIMIT,
            lambda: words.over_limit(fee, already, weekly, limit),
        )
    else:
        t.add(Effect.NOTE, 0, lambda: words.within_limit(fee, already, weekly, limit))


class Bands(dict[int, int]):
    """The involvement rule's points by sessions attended, each worked out once: few counts,
    many experts."""

    def __missing__(self, attended: int) -> int:
        self[attended] = points = involvement_points(attended)
        return points


class Ranking:
    """Ranks candidates as candidates.read() reads them (tuples of FIELDS), without making a
    Row for each: a Row only for the experts whose earnings limit must be checked near the top,
    and for the `limit` shown. (Thousands of Rows each time also set off Python's cycle
    collector, which then walked every object in the process.)

    The payments near the first session are looked up (`earnings_of`, one query) only for the
    experts with a declared limit who could reach the places shown, not for every one of them:
    at 20,000 experts that was a fifth of the shortlist's time."""

    def __init__(
        self,
        s: Setting,
        weights: tuple[int, int, int],
        earnings_of: Callable[[list[int]], Mapping[int, Sequence[tuple[date, Decimal]]]] | None,
    ):
        self.setting, self.weights, self.band = s, weights, Bands()
        self.earnings: dict[int, Sequence[tuple[date, Decimal]]] = {}
        self._earnings_of = earnings_of
        self._looked_up: set[int] = set()

    def row(self, values: tuple) -> Row:
        row = row_of(values, self.weights, self.band[values[10]])
        row.earnings = self.earnings.get(row.id, ())
        return row

    def _look_up(self, expert_ids: list[int]) -> None:
        wanted = [i for i in expert_ids if i not in self._looked_up]
        if wanted and self._earnings_of is not None:
            self.earnings.update(self._earnings_of(wanted))
        self._looked_up.update(wanted)

    def best(self, candidates: Iterable[tuple], limit: int) -> list[Row]:
        """The best `limit`, best first; ties to the least involved, then by name. Scored in
        order of the most they could score (the earnings limit only ever takes points away),
        stopping once no one left could reach the last place shown."""
        per_area, per_skill, per_need = self.weights
        band = self.band
        check_limit = self.setting.paid
        by_ceiling: dict[int, list[tuple]] = {}
        limited: dict[int, list[int]] = {}  # by ceiling, the ids of those with a limit
        for v in candidates:
            # As row_of() adds them up, with the involvement band: Row.ceiling.
            ceiling = v[9] + per_area * v[6] + per_skill * v[7] + per_need * v[8] + band[v[10]]
            by_ceiling.setdefault(ceiling, []).append(v)
            if check_limit and v[3] in LIMITS:
                limited.setdefault(ceiling, []).append(v[0])
        if limited:
            floor = _lowest_reachable(by_ceiling, limited, limit)
            self._look_up([i for c, ids in limited.items() if c >= floor for i in ids])
        scored: list[tuple[int, int, str, int, tuple]] = []
        for ceiling in sorted(by_ceiling, reverse=True):
            if len(scored) >= limit and -scored[limit - 1][0] > ceiling:
                break
            for v in by_ceiling[ceiling]:
                points = (
                    score(self.row(v), self.setting) if check_limit and v[3] in LIMITS else ceiling
                )
                scored.append((-points, v[10], v[1].casefold(), v[0], v))
            scored.sort(key=lambda x: x[:4])
        return [self.row(x[4]) for x in scored[:limit]]


def _lowest_reachable(
    by_ceiling: Mapping[int, list[tuple]], limited: Mapping[int, list[int]], limit: int
) -> float:
    """The lowest ceiling from which an expert could still be among the best `limit`: the
    `limit`-th best score if everyone with a limit lost the most it can take away. Every one
    shown scores at least that, so no one whose ceiling is below it is ever scored."""
    worst: dict[int, int] = {}
    for ceiling, group in by_ceiling.items():
        capped = len(limited.get(ceiling, ()))
        worst[ceiling] = worst.get(ceiling, 0) + len(group) - capped
        if capped:
            lowered = ceiling + OVER_EARNINGS_LIMIT
            worst[lowered] = worst.get(lowered, 0) + capped
    counted = 0
    for points in sorted(worst, reverse=True):
        counted += worst[points]
        if counted >= limit:
            return points
    return float("-inf")
