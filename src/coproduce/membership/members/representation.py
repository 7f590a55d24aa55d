"""How representative membership is, for the membership office and the trust's report to its
regulator: current members by constituency against its population (members per 1,000 people),
by age band (from date of birth), and by the characteristics members chose to tell us, each as
a `core.figures` section (a chart and its table, which is also the CSV).

Small numbers are never shown: a count below equality monitoring's fewest people shown reads
"fewer than N", with the next smallest hidden too when only one would be (the same rule as
"who is heard", `impact.equality.presenters.hidden_cells`). Four queries, however many members."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Section, Table
from coproduce.core.formats import long_date
from coproduce.impact.equality import queries as equality_queries
from coproduce.impact.equality.categories import (
    AGE,
    DISABILITY,
    ETHNIC_GROUP,
    PREFER_NOT,
    PREFER_NOT_LABEL,
    SEX,
    Characteristic,
)
from coproduce.impact.equality.presenters import hidden_cells
from coproduce.membership.members import queries
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import MemberCharacteristics

HIDDEN = Decimal(-1)
ONE_PLACE = Decimal("0.1")
CHARACTERISTICS = (
    ("sex", "Sex", SEX),
    ("ethnic_group", "Ethnic group", ETHNIC_GROUP),
    ("disability", "Disability", DISABILITY),
)


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def age_bands(today: date, minimum_age: int) -> list[tuple[str, str, Q]]:
    """The census's age bands (and "Under 16" when the trust's minimum is lower), each with
    the dates of birth it holds on `today`."""
    bands: list[tuple[str, str, int, int | None]] = []
    if minimum_age < 16:
        bands.append(("under-16", "Under 16", 0, 16))
    for key, label in AGE.categories:
        first, _, last = key.rstrip("+").partition("-")
        bands.append((key, label, int(first), int(last) + 1 if last else None))
    found = []
    for key, label, low, high in bands:
        # Aged at least `low`: born on or before today less `low` years.
        condition = Q(date_of_birth__lte=_years_before(today, low))
        if high is not None:
            condition &= Q(date_of_birth__gt=_years_before(today, high))
        found.append((key, label, condition))
    return found


def _count_words(count: int | None, fewest: int) -> str:
    return f"fewer than {fewest}" if count is None else f"{count:,}"


def _shown(counts: list[int], fewest: int) -> list[int | None]:
    hidden = hidden_cells(counts, fewest)
    return [None if n in hidden else count for n, count in enumerate(counts)]


def _share(count: int | None, total: int) -> str:
    if count is None or not total:
        return ""
    value = (Decimal(count) * 100 / Decimal(total)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return f"{value}%"


def _chart_words(value: Decimal) -> str:
    return "not shown, too few people" if value == HIDDEN else f"{value:,}"


def _section(
    *, slug: str, title: str, summary: str, labels: list[str], counts: list[int], fewest: int
) -> Section:
    shown = _shown(counts, fewest)
    total = sum(counts)
    chart = bar_chart(
        chart_id=slug,
        title=f"Members by {title.lower()}",
        description=(
            f"The number of members in each group. Groups of fewer than {fewest} people are "
            "not shown. The table after the chart gives the same figures."
        ),
        categories=labels,
        series=[Series("Members", [HIDDEN if c is None else c for c in shown])],
        value_format=_chart_words,
    )
    rows = [
        [label, _count_words(count, fewest), _share(count, total)]
        for label, count in zip(labels, shown, strict=True)
    ]
    return Section(
        slug=slug,
        title=title,
        summary=summary,
        chart=chart,
        table=Table(
            caption=f"Members by {title.lower()}",
            headers=[title, "Members", "Share of members"],
            rows=rows,
        ),
    )


def _by_constituency(fewest: int) -> Section:
    found = queries.constituencies()
    counts = [getattr(c, "current", 0) for c in found]  # annotated by the query
    shown = _shown(counts, fewest)
    per_thousand: list[Decimal | None] = []
    for constituency, count in zip(found, shown, strict=True):
        if count is None or not constituency.population:
            per_thousand.append(None)
        else:
            per_thousand.append(
                (Decimal(count) * 1000 / constituency.population).quantize(
                    ONE_PLACE, rounding=ROUND_HALF_UP
                )
            )
    chart = bar_chart(
        chart_id="members-by-constituency",
        title="Members per 1,000 people, by constituency",
        description=(
            "For each constituency with a population entered, members for every 1,000 people. "
            f"Constituencies with fewer than {fewest} members are not shown. The table after the "
            "chart gives the same figures."
        ),
        categories=[c.name for c in found],
        series=[
            Series("Members per 1,000 people", [HIDDEN if v is None else v for v in per_thousand])
        ],
        value_format=lambda v: "not shown" if v == HIDDEN else f"{v}",
    )
    rows = [
        [
            c.name,
            _count_words(count, fewest),
            f"{c.population:,}" if c.population else "Not entered",
            "" if rate is None else f"{rate}",
        ]
        for c, count, rate in zip(found, shown, per_thousand, strict=True)
    ]
    return Section(
        slug="members-by-constituency",
        title="Constituency",
        summary=f"{sum(counts):,} members in {len(found)} constituencies.",
        chart=chart,
        table=Table(
            caption="Members by constituency, against the population",
            headers=["Constituency", "Members", "Population", "Members per 1,000 people"],
            rows=rows,
        ),
    )


def _by_age(today: date, fewest: int) -> Section:
    bands = age_bands(today, queries.minimum_age())
    totals = queries.current_members().aggregate(
        **{f"band_{n}": Count("pk", filter=condition) for n, (_, _, condition) in enumerate(bands)}
    )
    counts = [totals[f"band_{n}"] for n in range(len(bands))]
    return _section(
        slug="members-by-age",
        title="Age",
        summary=f"Ages on {long_date(today)}, from members' dates of birth.",
        labels=[label for _, label, _ in bands],
        counts=counts,
        fewest=fewest,
    )


def _characteristic_counts() -> dict[str, int]:
    current = MemberCharacteristics.objects.filter(member__status=MemberStatus.MEMBER)
    counts: dict = {}
    for field, _, characteristic in CHARACTERISTICS:
        for key in [*characteristic.keys, PREFER_NOT]:
            counts[f"{field}__{key}"] = Count("pk", filter=Q(**{field: key}))
    return current.aggregate(**counts)


def _by_characteristic(
    field: str, title: str, characteristic: Characteristic, found: dict[str, int], fewest: int
) -> Section:
    keys = [*characteristic.keys, PREFER_NOT]
    labels = [*(label for _, label in characteristic.categories), PREFER_NOT_LABEL]
    return _section(
        slug=f"members-by-{field.replace('_', '-')}",
        title=title,
        summary="From the members who chose to tell us. Members who did not answer are not counted.",
        labels=labels,
        counts=[found[f"{field}__{key}"] or 0 for key in keys],
        fewest=fewest,
    )


def sections(today: date) -> list[Section]:
    fewest = equality_queries.fewest_shown().fewest
    found = _characteristic_counts()
    return [
        _by_constituency(fewest),
        _by_age(today, fewest),
        *(_by_characteristic(f, t, c, found, fewest) for f, t, c in CHARACTERISTICS),
    ]
