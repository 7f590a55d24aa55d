"""The shortlist for an opportunity: the public entry point for views and other apps. The
engine is coproduce.opportunities.matching (one job per module); this re-exports what callers
use, so that they need not know how it is arranged."""

from coproduce.opportunities.matching.reasons import (
    NOTHING_ASKED_FOR,
    STATUS_WHY,
    Effect,
    Reason,
    describe_sessions,
)
from coproduce.opportunities.matching.rules import (
    AREA_MATCH,
    AVAILABLE_ALL,
    AVAILABLE_NONE,
    AVAILABLE_SOME,
    INVOLVEMENT,
    INVOLVEMENT_MANY,
    NEED_NOT_MET_HYBRID,
    NEED_NOT_MET_IN_PERSON,
    NOTICE_ENOUGH,
    NOTICE_SHORT,
    OVER_EARNINGS_LIMIT,
    SAME_LOCALITY,
    SKILL_MATCH,
    involvement_points,
    rules_in_words,
    time_of_day,
    weekday,
)
from coproduce.opportunities.matching.setting import session_fee
from coproduce.opportunities.matching.shortlist import Apart, Candidate, Shortlist, shortlist

__all__ = [
    "AREA_MATCH",
    "AVAILABLE_ALL",
    "AVAILABLE_NONE",
    "AVAILABLE_SOME",
    "INVOLVEMENT",
    "INVOLVEMENT_MANY",
    "NEED_NOT_MET_HYBRID",
    "NEED_NOT_MET_IN_PERSON",
    "NOTHING_ASKED_FOR",
    "NOTICE_ENOUGH",
    "NOTICE_SHORT",
    "OVER_EARNINGS_LIMIT",
    "SAME_LOCALITY",
    "SKILL_MATCH",
    "STATUS_WHY",
    "Apart",
    "Candidate",
    "Effect",
    "Reason",
    "Shortlist",
    "describe_sessions",
    "involvement_points",
    "rules_in_words",
    "session_fee",
    "shortlist",
    "time_of_day",
    "weekday",
]
