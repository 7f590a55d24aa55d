"""How representative membership is, for the membership office and the trust's report to its
regulator: current members by constituency against its population (members per 1,000 people),
and by age band (from date of birth) and by the characteristics members chose to tell us, each
against the local population the involvement lead entered for equality monitoring
(`impact.equality.models.Population`). Each figure is a `core.figures` section (a chart and its
table, which is also the CSV). The office may choose one constituency: the age and
characteristic figures are then of its members alone, still against the whole area's
population (the census figures are entered once, for the organisation's area).

For each group: members (a count), their share of the members who answered, the share of the
local population, and the difference in percentage points (members' share less the
population's, of the shares as shown, so that a reader can check it).

Small numbers are never shown, by equality monitoring's own rule and fewest people shown
(`impact.equality.presenters.column_of`, as "who is heard" does): a count below the fewest reads
"fewer than N", with the next smallest hidden too when only one would be, and the whole column
when fewer than N answered. A chosen constituency whose own count is hidden shows no figures at
all, as they would add up to that count. Six queries, however many members."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Section, Table
from coproduce.core.formats import count_of, long_date
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
from coproduce.impact.equality.presenters import column_of, hidden_cells, share
from coproduce.membership.members import queries
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Constituency, MemberCharacteristics

if TYPE_CHECKING:
    from coproduce.impact.equality.models import Population

HIDDEN = Decimal(-1)  # a share not shown, for the chart's label
NOT_COUNTED = Decimal(-2)  # a group the census figures do not have (under 16s)
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


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def _points(value: Decimal | None) -> str:
    """In words, not "+8.7" or "-8.7": a spreadsheet would read those as formulas, and the
    CSV's guard against that would put a quote before them."""
    if value is None:
        return ""
    if not value:
        return "the same"
    return f"{abs(value)} above" if value > 0 else f"{abs(value)} below"


def _chart_words(value: Decimal) -> str:
    if value == HIDDEN:
        return "not shown, too few people"
    if value == NOT_COUNTED:
        return "no census figure"
    return f"{value}%"


@dataclass(frozen=True)
class Figure:
    """A section of the page, and what the page says beside it."""

    section: Section
    compared: bool = False  # against the local population: age and the characteristics
    population_missing: bool = False  # compared, but no local population is entered


@dataclass(frozen=True)
class Report:
    figures: list[Figure]
    fewest: int
    constituencies: list[Constituency]
    chosen: Constituency | None = None
    # The chosen constituency's own count is not shown, so neither are its figures.
    chosen_hidden: bool = False

    @property
    def sections(self) -> list[Section]:
        return [figure.section for figure in self.figures]


def _by_constituency(
    found: list[Constituency], chosen: Constituency | None, fewest: int
) -> tuple[Section, bool]:
    """The section, and whether the chosen constituency's count is hidden. Which counts are
    hidden is worked out over every constituency, then the chosen one alone is shown, so that
    choosing one never shows a count the whole table hides."""
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
    rows_of = list(zip(found, shown, per_thousand, strict=True))
    if chosen is not None:
        rows_of = [row for row in rows_of if row[0].pk == chosen.pk]
    chart = bar_chart(
        chart_id="members-by-constituency",
        title="Members per 1,000 people, by constituency",
        description=(
            "For each constituency with a population entered, members for every 1,000 people. "
            f"Constituencies with fewer than {fewest} members are not shown. The table after the "
            "chart gives the same figures."
        ),
        categories=[c.name for c, _, _ in rows_of],
        series=[
            Series(
                "Members per 1,000 people",
                [HIDDEN if v is None else v for _, _, v in rows_of],
            )
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
        for c, count, rate in rows_of
    ]
    if chosen is None:
        summary = f"{sum(counts):,} members in {len(found)} constituencies."
    else:
        summary = f"{chosen.name}: {_count_words(rows_of[0][1], fewest)} members."
    section = Section(
        slug="members-by-constituency",
        title="Constituency",
        summary=summary,
        chart=chart,
        table=Table(
            caption="Members by constituency, against the population",
            headers=["Constituency", "Members", "Population", "Members per 1,000 people"],
            rows=rows,
        ),
    )
    return section, chosen is not None and rows_of[0][1] is None


def _population_shares(
    population: "Population | None", census: Characteristic, keys: list[str]
) -> list[Decimal | None]:
    """Each group's share of the local population, of the census's groups as "who is heard"
    counts them; None where there is no figure (no population entered, or a group the census
    figures do not have, like under 16s)."""
    if population is None:
        return [None for _ in keys]
    counts = {key: int(population.counts.get(key, 0) or 0) for key in census.keys}
    total = sum(counts.values())
    return [share(counts[key], total) if total and key in counts else None for key in keys]


def _compared(
    *,
    slug: str,
    title: str,
    characteristic: Characteristic,
    census: Characteristic,
    counts: dict[str, int],
    population: "Population | None",
    fewest: int,
    chosen: Constituency | None,
    about: str,
    with_prefer_not: bool,
    total_label: str = "Answered",
) -> Figure:
    """Members of each group against the local population: a chart of the two shares side by
    side, and a table of members, both shares and the difference."""
    labels = [label for _, label in characteristic.categories]
    column = column_of(counts, characteristic, fewest)
    population_shares = _population_shares(population, census, characteristic.keys)
    differences = [
        None if cell.share is None or local is None else cell.share - local
        for cell, local in zip(column.cells, population_shares, strict=True)
    ]
    no_local = "Not entered" if population is None else "No census figure"
    rows = [
        [
            label,
            _count_words(cell.count, fewest),
            _percent(cell.share),
            no_local if local is None else f"{local}%",
            _points(difference),
        ]
        for label, cell, local, difference in zip(
            labels, column.cells, population_shares, differences, strict=True
        )
    ]
    local_total = (
        count_of(
            sum(int(population.counts.get(k, 0) or 0) for k in census.keys), "person", "people"
        )
        if population is not None
        else "Not entered"
    )
    rows.append([total_label, _count_words(column.answered.count, fewest), "", local_total, ""])
    if with_prefer_not:
        rows.append([PREFER_NOT_LABEL, _count_words(column.prefer_not.count, fewest), "", "", ""])

    series = [
        Series(
            "Members",
            [HIDDEN if cell.share is None else cell.share for cell in column.cells],
            style=0,
        )
    ]
    if population is not None:
        series.append(
            Series(
                "Local population",
                [NOT_COUNTED if v is None else v for v in population_shares],
                style=4,
            )
        )
    whose = f"members in {chosen.name}" if chosen else "members"
    chart = bar_chart(
        chart_id=slug,
        title=f"{title}: share of {whose} and of the local population",
        description=(
            f"For each group, its share of the {whose}"
            + (" who answered" if with_prefer_not else "")
            + (
                " beside its share of the local population"
                if population is not None
                else ". The local population has not been entered"
            )
            + f". Groups of fewer than {fewest} members are not shown. The table after the "
            "chart gives the same figures."
        ),
        categories=labels,
        series=series,
        value_format=_chart_words,
    )

    parts = [about]
    answered = "answered" if with_prefer_not else "in all"
    if column.whole_column_hidden:
        parts.append(f"Fewer than {fewest} {whose} {answered}, so no group is shown.")
    else:
        parts.append(f"{count_of(column.answered.count, 'member')} {answered}.")
    if population is None:
        parts.append(
            f"The local population for {title.lower()} has not been entered, so there is no "
            "comparison."
        )
    else:
        parts.append(f"The local population is from {population.source}.")
        furthest = min(
            (
                (difference, label)
                for difference, label in zip(differences, labels, strict=True)
                if difference is not None and difference < 0
            ),
            default=None,
        )
        if furthest is not None:
            parts.append(
                f"The group furthest below its local share: {furthest[1]}, "
                f"{-furthest[0]} percentage points below."
            )
    return Figure(
        section=Section(
            slug=slug,
            title=title,
            summary=" ".join(parts),
            chart=chart,
            table=Table(
                caption=f"{title}: {whose}, against the local population",
                headers=[
                    title,
                    "Members",
                    "Share of members who answered",
                    "Share of the local population",
                    "Difference from the local share (percentage points)",
                ],
                rows=rows,
            ),
        ),
        compared=True,
        population_missing=population is None,
    )


def _by_age(
    today: date,
    fewest: int,
    chosen: Constituency | None,
    population: "Population | None",
) -> Figure:
    bands = age_bands(today, queries.minimum_age())
    members = queries.current_members(chosen.pk if chosen else None)
    totals = members.order_by().aggregate(
        **{f"band_{n}": Count("pk", filter=condition) for n, (_, _, condition) in enumerate(bands)}
    )
    # The census's own age question, with "Under 16" first when the trust's minimum allows it.
    characteristic = replace(AGE, categories=tuple((key, label) for key, label, _ in bands))
    about = f"Ages on {long_date(today)}, from members' dates of birth."
    if bands[0][0] == "under-16":
        about += (
            " The census figures entered start at 16, so members under 16 have no local share "
            "to compare with."
        )
    return _compared(
        slug="members-by-age",
        title="Age",
        characteristic=characteristic,
        census=AGE,
        counts={key: totals[f"band_{n}"] or 0 for n, (key, _, _) in enumerate(bands)},
        population=population,
        fewest=fewest,
        chosen=chosen,
        about=about,
        with_prefer_not=False,
        total_label="All ages",
    )


def _characteristic_counts(chosen: Constituency | None) -> dict[str, int]:
    current = MemberCharacteristics.objects.filter(member__status=MemberStatus.MEMBER)
    if chosen is not None:
        current = current.filter(member__constituency_id=chosen.pk)
    counts: dict = {}
    for field, _, characteristic in CHARACTERISTICS:
        for key in [*characteristic.keys, PREFER_NOT]:
            counts[f"{field}__{key}"] = Count("pk", filter=Q(**{field: key}))
    return current.order_by().aggregate(**counts)


def _by_characteristic(
    field: str,
    title: str,
    characteristic: Characteristic,
    found: dict[str, int],
    *,
    fewest: int,
    chosen: Constituency | None,
    population: "Population | None",
) -> Figure:
    return _compared(
        slug=f"members-by-{field.replace('_', '-')}",
        title=title,
        characteristic=characteristic,
        census=characteristic,
        counts={key: found[f"{field}__{key}"] or 0 for key in [*characteristic.keys, PREFER_NOT]},
        population=population,
        fewest=fewest,
        chosen=chosen,
        about="From the members who chose to tell us. Members who did not answer, or preferred "
        "not to say, are not in the shares.",
        with_prefer_not=True,
    )


def report(today: date, constituency_id: int | None = None) -> Report:
    """Every figure, of all members or of one constituency's (six queries). An unknown
    constituency is taken as none chosen; the page's form says so."""
    fewest = equality_queries.fewest_shown().fewest
    found = queries.constituencies()
    chosen = next((c for c in found if c.pk == constituency_id), None)
    by_constituency, chosen_hidden = _by_constituency(found, chosen, fewest)
    figures = [Figure(by_constituency)]
    if not chosen_hidden:
        populations = equality_queries.populations()
        counts = _characteristic_counts(chosen)
        figures.append(_by_age(today, fewest, chosen, populations.get(AGE.slug)))
        figures.extend(
            _by_characteristic(
                field,
                title,
                characteristic,
                counts,
                fewest=fewest,
                chosen=chosen,
                population=populations.get(characteristic.slug),
            )
            for field, title, characteristic in CHARACTERISTICS
        )
    return Report(
        figures=figures,
        fewest=fewest,
        constituencies=found,
        chosen=chosen,
        chosen_hidden=chosen_hidden,
    )


def sections(today: date, constituency_id: int | None = None) -> list[Section]:
    """The figures as sections, for the CSV."""
    return report(today, constituency_id).sections
