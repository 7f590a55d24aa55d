"""The shortlist's rules: the weights, the bands of recent involvement, the parts of the day,
and the rules in plain English for the page. Change a weight here and in docs/shortlist.md:
a test checks they agree."""

from datetime import datetime

from django.utils import timezone

from coproduce.people.choices import TimeOfDay
from coproduce.people.choices import Weekday as Day

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
# Local time of day a session starts: before noon is a morning, before 5pm an afternoon.
AFTERNOON_FROM, EVENING_FROM = 12, 17


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
