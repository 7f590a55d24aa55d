"""The shortlist of every opportunity in the demo data with an upcoming session (the 6,000
past ones have nothing left to invite anyone to), each opened once with an empty cache
(cold), beside the time of the SQL that loads its candidates (the query of the experts, and
the count of the access needs each has that the venue does not meet). Targets: every
shortlist under SHORTLIST_TARGET_MS, and within QUERY_RATIO_TARGET times those queries.

Emptying the cache does not empty the stored count of each expert's recent attendance
(opportunities.models.RecentAttendance): that is a figure the nightly job and the attendance
service keep, as a live service has it, and demo data counts it as its last step. The
candidate query reads it in a join, so it is in both times."""

import statistics
import time

SHORTLIST_TARGET_MS = 150.0
QUERY_RATIO_TARGET = 3.0


def time_shortlists() -> dict:
    """Per opportunity: the shortlist's time, then its candidate queries' (the experts, and the
    access needs the venue does not meet; run second, so they meet a warm database and the
    ratio errs against the shortlist)."""
    from django.core.cache import cache
    from django.utils import timezone

    from coproduce.opportunities.choices import SessionStatus
    from coproduce.opportunities.matching.candidates import candidates, read, unmet_needs
    from coproduce.opportunities.matching.shortlist import shortlist
    from coproduce.opportunities.models import Opportunity

    times = []
    each = []  # per opportunity, for a closer look: the table prints the slowest
    upcoming = Opportunity.objects.filter(
        sessions__status=SessionStatus.SCHEDULED, sessions__starts_at__gte=timezone.now()
    )
    opportunities = list(upcoming.distinct().order_by("pk"))
    # One shortlist first, not timed: the process's first pays once for what a running server
    # has already done (imports, the database connection, SQLite reading its schema), and was
    # the slowest of all by twice. The cache is emptied before each one timed, as before.
    if opportunities:
        shortlist(opportunities[-1])
    for opportunity in opportunities:
        cache.clear()
        started = time.perf_counter()
        result = shortlist(opportunity)
        shortlist_ms = (time.perf_counter() - started) * 1000
        setting = result.setting
        if setting is None:  # no session to match against: none here, all are upcoming
            continue
        today = timezone.localdate()
        started = time.perf_counter()
        read(candidates(setting, "", today))
        unmet_needs(setting)  # the second query: the access needs the venue does not meet
        query_ms = (time.perf_counter() - started) * 1000
        times.append((shortlist_ms, query_ms))
        each.append({"opportunity": opportunity.pk, "ms": shortlist_ms, "query_ms": query_ms})
    if not times:
        return {"count": 0}
    worst = max(times)
    return {
        "count": len(times),
        "median_ms": statistics.median(t for t, _ in times),
        "worst_ms": worst[0],
        "worst_query_ms": worst[1],
        "median_query_ms": statistics.median(q for _, q in times),
        "worst_ratio": max(t / q for t, q in times if q),
        "over_target": sum(t >= SHORTLIST_TARGET_MS for t, _ in times),
        "each": each,
    }


def shortlist_rows(database: str, result: dict):
    """The table's rows: the slowest cold shortlist, its candidate query, and the ratio."""
    from coproduce.bench.report import Row, milliseconds

    what = f"shortlist, each of {result['count']} opportunities once, cold"
    if not result["count"]:
        return [Row(what, database, "-", "-", "-", None, "not measured: no upcoming work")]
    return [
        Row(
            f"{what}: slowest",
            database,
            f"< {SHORTLIST_TARGET_MS:.0f} ms",
            milliseconds(result["worst_ms"]),
            "-",
            result["over_target"] == 0,
        ),
        Row(f"{what}: median", database, "-", milliseconds(result["median_ms"]), "-", None),
        Row(
            "  its candidate queries (median, slowest shortlist's)",
            database,
            "-",
            f"{result['median_query_ms']:,.1f} / {result['worst_query_ms']:,.1f} ms",
            "1",
            None,
        ),
        Row(
            "  shortlist ÷ candidate queries, worst",
            database,
            f"<= {QUERY_RATIO_TARGET:.0f}x",
            f"{result['worst_ratio']:.1f}x",
            "-",
            result["worst_ratio"] <= QUERY_RATIO_TARGET,
        ),
    ]
