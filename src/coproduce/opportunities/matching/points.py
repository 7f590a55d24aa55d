"""The rules the database adds up for every candidate at once: availability, notice and
locality as one SQL expression, and lived experience, skills and the access needs the venue
does not meet as counts, weighed as they are read. Scoring (scoring.py) adds involvement and
the earnings limit, and words the reasons rule by rule; a test checks
that both ways give the same score."""

from django.db import connection
from django.db.models import Case, Func, IntegerField, Q, Value, When
from django.db.models.expressions import Expression

from coproduce.opportunities.choices import Format
from coproduce.opportunities.matching.rules import (
    AREA_MATCH,
    AVAILABLE_ALL,
    AVAILABLE_NONE,
    AVAILABLE_SOME,
    NEED_NOT_MET_HYBRID,
    NEED_NOT_MET_IN_PERSON,
    NOTICE_ENOUGH,
    NOTICE_SHORT,
    SAME_LOCALITY,
    SKILL_MATCH,
)
from coproduce.opportunities.matching.setting import Setting


def _case(condition, then: int, otherwise: int = 0) -> Case:
    return Case(
        When(condition, then=Value(then)), default=Value(otherwise), output_field=IntegerField()
    )


def _has(which: str, code: str) -> Q:
    """The expert's list of days or times (`which`) has the code. PostgreSQL asks the JSON
    itself (@>), a tenth quicker over 20,000 experts than its text; elsewhere the list's text
    has the code, quoted ('"tue"'), as scoring._has looks for it."""
    if connection.vendor == "postgresql":
        return Q(**{f"available_{which}__contains": [code]})
    return Q(**{f"{which}_text__contains": f'"{code}"'})


def _any(which: str) -> Q:
    """The expert named at least one day or time (`which`): a list of codes, not empty."""
    if connection.vendor == "postgresql":
        return ~Q(**{f"available_{which}": []})
    return Q(**{f"{which}_text__contains": '"'})


def _availability(s: Setting) -> Expression:
    if s.format == Format.WRITTEN or not s.slots:
        return Value(0)
    any_time = ~_any("times")
    free: Expression = Value(0)
    for day, tod in s.slots:
        free = free + _case(_has("days", day) & (any_time | _has("times", tod)), 1)
    # The number of slots free, worked out once for each expert (a simple CASE on it), not
    # once for each outcome: every mention of a JSON column is read again, cast to text.
    by_free = _SimpleCase(
        free,
        template=f"CASE %(expressions)s WHEN {len(s.slots):d} THEN {AVAILABLE_ALL:d} "
        f"WHEN 0 THEN {AVAILABLE_NONE:d} ELSE {AVAILABLE_SOME:d} END",
    )
    return Case(When(_any("days"), then=by_free), default=Value(0), output_field=IntegerField())


class _SimpleCase(Func):
    """CASE x WHEN ... END, the whole numbers in the template: made from the constants above
    and the number of slots, never from anything typed."""

    output_field = IntegerField()


def points(s: Setting) -> Expression:
    """The sum of availability, notice and locality, from the columns candidates() reads."""
    total = _availability(s)
    if s.notice_days is not None:
        total = total + _case(Q(notice_days__lte=s.notice_days), NOTICE_ENOUGH, NOTICE_SHORT)
    if s.format in (Format.IN_PERSON, Format.HYBRID) and s.venue_locality:
        total = total + _case(Q(locality_id=s.venue_locality), SAME_LOCALITY)
    return total


def count_weights(s: Setting) -> tuple[int, int, int]:
    """The points for each wanted area, each wanted skill and each access need the venue does
    not meet, by which the counts candidates() reads are multiplied. Done as the rows are read
    rather than in the SQL, where each count would be worked out twice."""
    unmet = 0
    if s.format in (Format.IN_PERSON, Format.HYBRID) and s.has_venue:
        unmet = NEED_NOT_MET_HYBRID if s.format == Format.HYBRID else NEED_NOT_MET_IN_PERSON
    return AREA_MATCH, SKILL_MATCH, unmet
