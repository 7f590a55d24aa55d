"""Loading the experts a shortlist measures, in one query: who they are, and what the database
can count for each of them (the wanted areas and skills they have, which prerequisites they
have met), and the sessions each attended in the last 12 months, as stored
(models.RecentAttendance), when the stored counts are for the day; until they are,
queries/recent.py counts them. The access needs the venue does not meet are counted in a second
query, for everyone at once, and put in place by `load`.

The wanted areas and skills each expert has, and the prerequisites they have met, are sums of
membership tests (is this expert among those with the area?), one for each area, skill or
prerequisite: the database makes each list once and looks every expert up in it. Counted with
a subquery for each expert instead, PostgreSQL took half as long again over 9,000 experts.

Only the experts with at least one wanted area or skill are read (every processable expert
when nothing is asked for, or when the team searched by name). People whose processing is
restricted are left out altogether, even by name (UK GDPR article 18). The lists behind the
counts (which areas, which needs) are read only for the experts shown, in `details`."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Coalesce

from coproduce.opportunities.matching.points import points
from coproduce.opportunities.matching.setting import Setting
from coproduce.people.models import Expert

# The columns read for each expert, in this order (scoring.Row has the same): what ranking
# needs. The earnings limit comes as text: decoding Decimals for thousands of experts would take
# longer than the query, and only a few need them. What only the words of the reasons need
# (days, times, notice, locality) is left to the experts shown (scoring.with_answers): for
# 20,000 experts, reading it took a fifth of the query's time.
FIELDS = (
    "id",
    "full_name",
    "status",
    "benefits_declaration",
    "assessment_period_start_day",
    # Annotations, in the order they are made: the model's columns come first in the SQL.
    "limit_text",
    "area_count",
    "skill_count",
    "unmet_needs",
    "points",
    "recent",
    "prerequisites_met",
)


def _among(subqueries: Iterable[QuerySet | None]) -> Expression:
    """For each expert, a number with bit i set where they are among the i-th subquery's
    expert ids (None: no one is)."""
    return _sum_of(subqueries, bits=True)


def _how_many(subqueries: Iterable[QuerySet | None]) -> Expression:
    """For each expert, how many of the subqueries' lists of expert ids they are among."""
    return _sum_of(subqueries, bits=False)


def _sum_of(subqueries: Iterable[QuerySet | None], *, bits: bool) -> Expression:
    total: Expression = Value(0)
    for i, ids in enumerate(subqueries):
        if ids is None:
            continue
        worth = 1 << i if bits else 1
        total = total + Case(
            When(Q(pk__in=ids), then=Value(worth)), default=Value(0), output_field=IntegerField()
        )
    return total


def name_filter(experts: QuerySet[Expert], text: str) -> QuerySet[Expert]:
    if not text:
        return experts
    return experts.filter(Q(full_name__icontains=text) | Q(preferred_name__icontains=text))


def relevant_experts(setting: Setting, text: str) -> QuerySet[Expert]:
    """Experts with at least one wanted area or skill (or, by name, any processable expert)."""
    if text:
        return name_filter(Expert.objects.processable(), text)
    if setting.areas or setting.skills:
        return Expert.objects.processable().filter(
            Q(pk__in=_areas(setting).values("expert_id"))
            | Q(pk__in=_skills(setting).values("expert_id"))
        )
    return _processable_read_in_order()


def _processable_read_in_order() -> QuerySet[Expert]:
    """Expert.objects.processable(), neither restricted nor erased, said so that SQLite reads
    the whole table in its own order when nothing is asked for: asked as two separate
    conditions, exactly those of the index of processable experts by name, SQLite went through
    that index instead and read the rows in the order of their names, all over the file, which
    took nearly twice as long (20,000 experts). Where areas or skills are asked for, it finds
    fewer through their indexes, and processable() is quicker. (A test checks that both find
    the same experts.)"""
    return Expert.objects.alias(
        gone=Coalesce("restricted_at", "erased_at", output_field=DateTimeField())
    ).filter(gone__isnull=True)


def _areas(setting: Setting) -> QuerySet:
    return Expert.lived_experience.through.objects.filter(
        livedexperiencearea_id__in=list(setting.areas)
    )


def _skills(setting: Setting) -> QuerySet:
    return Expert.skills.through.objects.filter(skill_id__in=list(setting.skills))


def at_venue(setting: Setting) -> bool:
    return setting.format in ("in_person", "hybrid") and setting.has_venue


def _recent(setting: Setting) -> Expression:
    """Sessions attended in the last 12 months, as stored (one row an expert, joined), when
    the stored counts are for the shortlist's day; else 0, and shortlist.py counts them."""
    if not setting.recent_stored:
        return Value(0)
    return Coalesce("recent_attendance__attended", Value(0), output_field=IntegerField())


def candidates(setting: Setting, text: str, today: date) -> QuerySet:
    """The one query that loads the candidates: a row of FIELDS for each relevant expert."""
    areas = Expert.lived_experience.through.objects.order_by()
    skills = Expert.skills.through.objects.order_by()
    met: Expression = Value(0)
    if setting.prerequisites is not None:
        met = _among(setting.prerequisites.met_by)
    return (
        relevant_experts(setting, text)
        .order_by()
        # As text, as points() searches them (aliases: not read, only added up).
        .alias(
            days_text=Cast("available_days", CharField()),
            times_text=Cast("available_times", CharField()),
        )
        .annotate(
            limit_text=Cast("earnings_limit", CharField()),
            area_count=_how_many(
                areas.filter(livedexperiencearea_id=area).values("expert_id")
                for area in setting.areas
            ),
            skill_count=_how_many(
                skills.filter(skill_id=skill).values("expert_id") for skill in setting.skills
            ),
            # Filled in by load(), from unmet_needs().
            unmet_needs=Value(0),
        )
        .annotate(points=points(setting), recent=_recent(setting), prerequisites_met=met)
        .values_list(*FIELDS)
    )


def read(query: QuerySet) -> list[tuple]:
    """The rows of candidates() (or of unmet_needs()), straight from the database cursor: for
    20,000 experts, Django's value-by-value conversions take longer than the query. The
    columns need none (text and whole numbers), and FIELDS is in the order the SQL selects
    them."""
    sql, params = query.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL's planner prices the per-expert counts high enough to compile the
            # query (JIT), which takes longer than running it; for this transaction, it does not.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def unmet_needs(setting: Setting) -> dict[int, int]:
    """For each expert with any, how many of their access needs the venue does not meet; none
    without a venue. One grouped query over the needs (a few thousand rows): counted inside
    the candidate query instead, once for each of 20,000 experts, PostgreSQL took a third of
    that query's time for it."""
    if not at_venue(setting):
        return {}
    rows = (
        Expert.access_needs.through.objects.exclude(accessneed_id__in=setting.venue_needs)
        .order_by()
        .values_list("expert_id")
        .annotate(n=Count("*"))  # as (expert_id, n)
    )
    return dict(read(rows))


def load(setting: Setting, text: str, today: date) -> dict[int, tuple]:
    """Every candidate's row of FIELDS, by id, with the access needs not met in place."""
    everyone = {values[0]: values for values in read(candidates(setting, text, today))}
    for pk, unmet in unmet_needs(setting).items():
        values = everyone.get(pk)
        if values is not None:
            everyone[pk] = (*values[:8], unmet, *values[9:])
    return everyone


def details(setting: Setting, ids: list[int]) -> tuple[dict, dict, dict]:
    """For the experts shown: the wanted areas and skills they have, and all their needs."""
    areas: dict[int, list[int]] = defaultdict(list)
    skills: dict[int, list[int]] = defaultdict(list)
    needs: dict[int, list[int]] = defaultdict(list)
    if setting.areas:
        rows = _areas(setting).filter(expert_id__in=ids).order_by("pk")
        for expert_id, area_id in rows.values_list("expert_id", "livedexperiencearea_id"):
            areas[expert_id].append(area_id)
    if setting.skills:
        rows = _skills(setting).filter(expert_id__in=ids).order_by("pk")
        for expert_id, skill_id in rows.values_list("expert_id", "skill_id"):
            skills[expert_id].append(skill_id)
    rows = Expert.access_needs.through.objects.filter(expert_id__in=ids).order_by("accessneed_id")
    for expert_id, need_id in rows.values_list("expert_id", "accessneed_id"):
        needs[expert_id].append(need_id)
    return areas, skills, needs
