"""Reads for equality monitoring. One expert's own answers (for their page and their subject
access export); the local population and the fewest people shown; and the counts the
comparison is made of, worked out in the database in one query whatever the register's size."""

from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from coproduce.core.days import day_after
from coproduce.core.figures import Filters
from coproduce.impact.equality.categories import CHARACTERISTICS, PREFER_NOT
from coproduce.impact.equality.models import EqualityAnswers, FewestShown, Population
from coproduce.opportunities.queries.attended import attended_between
from coproduce.people.choices import Status
from coproduce.people.models import Expert, StatusChange

ON_REGISTER = (Status.ACTIVE, Status.PAUSED)


def answers_of(expert: Expert) -> EqualityAnswers | None:
    """The expert's own answers, for them alone (one query)."""
    return EqualityAnswers.objects.filter(expert=expert).first()


def has_answered(expert: Expert) -> bool:
    return EqualityAnswers.objects.filter(expert=expert).exists()


def fewest_shown() -> FewestShown:
    return FewestShown.current()


def populations() -> dict[str, Population]:
    """The local population entered for each characteristic, by its slug (one query)."""
    return {p.characteristic: p for p in Population.objects.select_related("set_by")}


@dataclass
class Column:
    """How many people gave each answer, for every characteristic: {slug: {key: count}},
    the keys including PREFER_NOT."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def of(self, slug: str) -> dict[str, int]:
        return self.counts.get(slug, {})


def _aggregates() -> dict:
    wanted = {}
    for characteristic in CHARACTERISTICS:
        for key in [*characteristic.keys, PREFER_NOT]:
            wanted[f"{characteristic.slug}__{key}"] = Count(
                "pk", filter=Q(**{characteristic.slug: key})
            )
    return wanted


def attended_in(filters: Filters):
    """Invitations attended at a session held in the period (of the team's work, if chosen)."""
    return attended_between(filters.start, filters.end, team_id=filters.team_id)


def columns(filters: Filters) -> tuple[Column, Column]:
    """The answers of those on the register at the end of the period, and of those who
    attended at least one session in it: one pass over the answers (one query). Each answer
    is marked once, in the database, as on the register (its expert's status then, looked up
    from the status history by the index on expert and time) and as involved (its expert among
    those who attended, a list the database makes once), then counted both ways."""
    after = day_after(filters.end)
    last_before = StatusChange.objects.filter(expert=OuterRef("expert_id"), at__lt=after).order_by(
        "-at", "-id"
    )
    first_after = StatusChange.objects.filter(expert=OuterRef("expert_id"), at__gte=after).order_by(
        "at", "id"
    )
    status_then = Coalesce(
        Subquery(last_before.values("to_status")[:1]),
        NullIf(Subquery(first_after.values("from_status")[:1]), Value("")),
        "expert__status",
    )
    marked = (
        EqualityAnswers.objects.filter(
            expert__erased_at__isnull=True, expert__restricted_at__isnull=True
        )
        .order_by()
        .alias(status_then=status_then)
        .annotate(
            on_register=ExpressionWrapper(
                Q(expert__created_at__lt=after) & Q(status_then__in=ON_REGISTER),
                output_field=BooleanField(),
            ),
            involved=ExpressionWrapper(
                Q(expert_id__in=attended_in(filters).values("expert_id")),
                output_field=BooleanField(),
            ),
        )
    )
    # Grouped by the two marks (four groups at most), each characteristic counted in each.
    groups = marked.values("on_register", "involved").annotate(**_aggregates())
    register, involved = _empty(), _empty()
    for row in groups:
        for column, wanted in ((register, row["on_register"]), (involved, row["involved"])):
            if wanted:
                for slug, counts in column.counts.items():
                    for key in counts:
                        counts[key] += row[f"{slug}__{key}"] or 0
    return register, involved


def _empty() -> Column:
    return Column({c.slug: dict.fromkeys([*c.keys, PREFER_NOT], 0) for c in CHARACTERISTICS})


def team_name(team_id: int | None) -> str:
    if not team_id:
        return ""
    from coproduce.accounts.models import Team

    found = Team.objects.filter(pk=team_id).values_list("name", flat=True).first()
    return found or ""
