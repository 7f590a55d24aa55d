"""The comparison "who is heard, and who is missing": for each characteristic, the share of each
group in the local population, on the register and among those involved in the period, as
`core.figures` sections (a chart and its table), with small numbers never shown.

Small numbers: a count below the fewest people shown (the lead's setting, 10 unless changed)
reads "fewer than N", with no share. So that it cannot be worked out from what is shown
(secondary suppression): when only one group of a column is hidden, the next smallest is
hidden too; when fewer than N people in a column answered, the whole column is hidden. The
population column is the census's, published already, and is never hidden."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Filters, Section, Table
from coproduce.core.formats import count_of, long_date
from coproduce.impact.equality import queries
from coproduce.impact.equality.categories import CHARACTERISTICS, PREFER_NOT, Characteristic
from coproduce.impact.equality.models import Population

HIDDEN = Decimal(-1)  # a share not shown, for the chart's label
NOT_ENTERED = Decimal(-2)
ONE_PLACE = Decimal("0.1")
# A group is missing when its share among those involved is under this part of its share of
# the local population.
MISSING_BELOW = Decimal("0.5")
MISSING_WORDS = "Voices missing: under half the local share"
CANNOT_TELL = "Cannot tell: too few people to show"


def share(count: int, total: int) -> Decimal:
    """Percent of `total`, to one place."""
    return (Decimal(count) * 100 / Decimal(total)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def hidden_cells(counts: list[int], fewest: int) -> set[int]:
    """Which counts of a column are not shown: all of them when the column adds up to fewer
    than `fewest`; otherwise each under `fewest` and, when that is just one, the next
    smallest too, so no hidden count is the total less the others."""
    if sum(counts) < fewest:
        return set(range(len(counts)))
    hidden = {n for n, count in enumerate(counts) if count < fewest}
    if len(hidden) == 1 and len(counts) > 1:
        smallest = min((count, n) for n, count in enumerate(counts) if n not in hidden)
        hidden.add(smallest[1])
    return hidden


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: not shown
    share: Decimal | None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class GroupColumn:
    """One column of a characteristic: its groups, how many answered, how many preferred not
    to say, each shown or not."""

    cells: list[Cell]
    answered: Cell
    prefer_not: Cell
    whole_column_hidden: bool


def column_of(counts: dict[str, int], characteristic: Characteristic, fewest: int) -> GroupColumn:
    values = [counts.get(key, 0) for key in characteristic.keys]
    answered = sum(values)
    hidden = hidden_cells(values, fewest)
    cells = [
        Cell(None, None) if n in hidden else Cell(value, share(value, answered))
        for n, value in enumerate(values)
    ]
    prefer_not = counts.get(PREFER_NOT, 0)
    return GroupColumn(
        cells=cells,
        answered=Cell(answered, None) if answered >= fewest else Cell(None, None),
        prefer_not=Cell(prefer_not, None) if prefer_not >= fewest else Cell(None, None),
        whole_column_hidden=answered < fewest,
    )


@dataclass(frozen=True)
class Comparison:
    characteristic: Characteristic
    population: Population | None
    population_shares: list[Decimal | None]
    register: GroupColumn
    involved: GroupColumn
    missing: list[bool]
    fewest: int

    @property
    def missing_labels(self) -> list[str]:
        return [
            label
            for (_, label), gone in zip(self.characteristic.categories, self.missing, strict=True)
            if gone
        ]


def _population_shares(
    population: Population | None, characteristic: Characteristic
) -> list[Decimal | None]:
    if population is None:
        return [None for _ in characteristic.keys]
    counts = [int(population.counts.get(key, 0) or 0) for key in characteristic.keys]
    total = sum(counts)
    return [share(count, total) if total else None for count in counts]


def _missing(
    population: Population | None, characteristic: Characteristic, involved: GroupColumn
) -> list[bool]:
    """A group shown among those involved whose share is under half its local share. Compared
    from the counts, not the rounded shares. A hidden group is never marked: that would say
    more about it than "fewer than N"."""
    if population is None or involved.answered.count is None:
        return [False for _ in characteristic.keys]
    counts = [int(population.counts.get(key, 0) or 0) for key in characteristic.keys]
    total = sum(counts)
    answered = involved.answered.count
    marks = []
    for cell, count in zip(involved.cells, counts, strict=True):
        if cell.count is None or not total or not count:
            marks.append(False)
            continue
        marks.append(
            Decimal(cell.count) / Decimal(answered)
            < MISSING_BELOW * Decimal(count) / Decimal(total)
        )
    return marks


def comparisons(filters: Filters) -> list[Comparison]:
    """Every characteristic compared (three queries)."""
    fewest = queries.fewest_shown().fewest
    found = queries.populations()
    register, involved = queries.columns(filters)
    result = []
    for characteristic in CHARACTERISTICS:
        population = found.get(characteristic.slug)
        involved_column = column_of(involved.of(characteristic.slug), characteristic, fewest)
        result.append(
            Comparison(
                characteristic=characteristic,
                population=population,
                population_shares=_population_shares(population, characteristic),
                register=column_of(register.of(characteristic.slug), characteristic, fewest),
                involved=involved_column,
                missing=_missing(population, characteristic, involved_column),
                fewest=fewest,
            )
        )
    return result


def people(cell: Cell, fewest: int) -> str:
    if cell.count is None:
        return f"fewer than {fewest}"
    return count_of(cell.count, "person", "people")


def with_share(cell: Cell, fewest: int) -> str:
    if cell.count is None:
        return f"fewer than {fewest}"
    return f"{count_of(cell.count, 'person', 'people')} ({cell.share}%)"


def percent(value: Decimal | None) -> str:
    return "Not entered" if value is None else f"{value}%"


def period_words(filters: Filters) -> str:
    return f"{long_date(filters.start)} to {long_date(filters.end)}"


def _chart_value(value: Decimal) -> str:
    if value == HIDDEN:
        return "not shown, too few people"
    if value == NOT_ENTERED:
        return "not entered"
    return f"{value}%"


def _summary(comparison: Comparison, filters: Filters) -> str:
    n = comparison.fewest
    parts = []
    register, involved = comparison.register, comparison.involved
    if register.whole_column_hidden:
        parts.append(f"Fewer than {n} people on the register answered this question.")
    else:
        parts.append(f"{people(register.answered, n)} on the register answered this question.")
    if involved.whole_column_hidden:
        parts.append(f"Fewer than {n} people involved in the period answered it.")
    else:
        parts.append(f"{people(involved.answered, n)} involved in the period answered it.")
    if comparison.population is None:
        parts.append("The local population has not been entered, so there is no comparison.")
    elif comparison.missing_labels:
        parts.append(
            "Whose voices are missing (under half their share of the local population among "
            "those involved): " + "; ".join(comparison.missing_labels) + "."
        )
    else:
        parts.append("No group shown has under half its local share among those involved.")
    return " ".join(parts)


def _missing_words(comparison: Comparison, index: int) -> str:
    if comparison.missing[index]:
        return MISSING_WORDS
    if comparison.population is not None and comparison.involved.cells[index].hidden:
        return CANNOT_TELL
    return ""


def section(comparison: Comparison, filters: Filters, team: str = "") -> Section:
    c = comparison.characteristic
    n = comparison.fewest
    rows = []
    for index, (_, label) in enumerate(c.categories):
        register, involved = comparison.register.cells[index], comparison.involved.cells[index]
        rows.append(
            [
                label,
                percent(comparison.population_shares[index]),
                with_share(register, n),
                with_share(involved, n),
                _missing_words(comparison, index),
            ]
        )
    total = (
        count_of(
            sum(int(v or 0) for v in comparison.population.counts.values()), "person", "people"
        )
        if comparison.population
        else "Not entered"
    )
    rows.append(
        [
            "Answered",
            total,
            people(comparison.register.answered, n),
            people(comparison.involved.answered, n),
            "",
        ]
    )
    rows.append(
        [
            "Preferred not to say",
            "",
            people(comparison.register.prefer_not, n),
            people(comparison.involved.prefer_not, n),
            "",
        ]
    )

    def values(cells: list[Cell]) -> list[Decimal]:
        return [HIDDEN if cell.share is None else cell.share for cell in cells]

    chart = bar_chart(
        chart_id=f"who-is-heard-{c.slug.replace('_', '-')}",
        title=f"{c.title}: who is heard, {period_words(filters)}",
        description=(
            f"For each group: its share of the local population, of the register and of "
            f"those involved. Groups of fewer than {n} people are not shown. The table after "
            "the chart gives the same figures."
        ),
        categories=[label for _, label in c.categories],
        series=[
            Series(
                "Local population",
                [NOT_ENTERED if s is None else s for s in comparison.population_shares],
                style=4,
            ),
            Series("On the register", values(comparison.register.cells), style=0),
            Series("Involved in the period", values(comparison.involved.cells), style=1),
        ],
        value_format=_chart_value,
    )
    return Section(
        slug=f"who-is-heard-{c.slug.replace('_', '-')}",
        title=c.title,
        summary=_summary(comparison, filters),
        chart=chart,
        table=Table(
            caption=f"{c.title}: local population, register and those involved"
            + (f" in {team}’s work" if team else "")
            + f", {period_words(filters)}",
            headers=[
                "Group",
                "Local population",
                "On the register",
                "Involved in the period",
                "Whose voices are missing",
            ],
            rows=rows,
        ),
    )


def sections(filters: Filters) -> list[Section]:
    """The comparison for the dashboard and the report: one section for each characteristic,
    small numbers never shown (four queries)."""
    team = queries.team_name(filters.team_id)  # a query only when a team is chosen
    return [section(comparison, filters, team) for comparison in comparisons(filters)]
