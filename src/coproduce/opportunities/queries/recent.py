"""How many sessions each expert attended in the last 12 months: the shortlist's measure of
who has been asked a lot lately, so that work spreads beyond the usual few.

The figure is stored (models.RecentAttendance: counted each night, and kept by the attendance
service as attendance is recorded), and the shortlist reads it with its candidates when it is
for today. Until the night's count has run, it is counted here, live. Counting it reads every
attendance of the year (about 70,000 rows with 20,000 experts), yet it is the same for every
opportunity and changes only when attendance is recorded or the day turns. So the live count
is kept in the cache under the day, the time of the latest change to any
invitation (one indexed read, so a change made by another process is seen at once, whatever
the cache), and a stamp record_attendance moves on (for changes within the same second). In
case of a change committed out of order, nothing is kept longer than ten minutes."""

import secrets
from collections import Counter
from datetime import date, timedelta
from operator import itemgetter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max, QuerySet

from coproduce.core.days import local_midnight
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.models import Invitation, RecentAttendanceDay, Session

RECENT_DAYS = 365
_STAMP_KEY = "opportunities:attendance-stamp"
_DAY = 60 * 60 * 24
KEEP_SECONDS = 600


def attendance_changed() -> None:
    """Forget the counts: now, and again when the transaction commits, so that nobody keeps a
    count made from the data before the change."""
    cache.set(_STAMP_KEY, secrets.token_hex(8), _DAY)
    transaction.on_commit(lambda: cache.set(_STAMP_KEY, secrets.token_hex(8), _DAY))


def attended_in_window(today: date) -> QuerySet[Invitation]:
    """Places attended at sessions in the 12 months before `today` (today's not yet)."""
    recent_sessions = Session.objects.filter(
        starts_at__gte=local_midnight(today - timedelta(days=RECENT_DAYS)),
        starts_at__lt=local_midnight(today),
    )
    return Invitation.objects.filter(
        attendance=Attendance.ATTENDED, session_id__in=recent_sessions.values("pk")
    )


def stored_for(today: date) -> bool:
    """Whether the stored counts (RecentAttendance, counted each night and kept by the
    attendance service) are for `today`: then the shortlist reads them with its candidates,
    rather than counting every attendance of the year (one small query)."""
    return RecentAttendanceDay.objects.filter(day=today).exists()


def _count(today: date) -> dict[int, int]:
    attended = attended_in_window(today)
    # Counted here rather than grouped in SQL: SQLite's GROUP BY sorts every row first, and
    # PostgreSQL's is no quicker than sending the ids. Read straight from the cursor: for
    # 70,000 ids, Django's row-by-row iteration added about a sixth to the count's time.
    sql, params = attended.values_list("expert_id").order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(Counter(map(itemgetter(0), cursor.fetchall())))


def recent_attendance(today: date) -> dict[int, int]:
    """Sessions attended in the 12 months before `today`, by expert id (absent means none)."""
    stamp = cache.get(_STAMP_KEY)
    if stamp is None:
        stamp = secrets.token_hex(8)
        cache.add(_STAMP_KEY, stamp, _DAY)
        stamp = cache.get(_STAMP_KEY, stamp)
    latest = Invitation.objects.aggregate(at=Max("updated_at"))["at"]
    changed = latest.isoformat() if latest else "none"
    key = f"opportunities:recent-attendance:{today.isoformat()}:{changed}:{stamp}"
    counts = cache.get(key)
    if counts is None:
        counts = _count(today)
        cache.set(key, counts, KEEP_SECONDS)
    return counts
