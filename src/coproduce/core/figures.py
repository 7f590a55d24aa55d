"""The shape every figure of the evaluation dashboard, the "who is heard" comparison and the
annual Experts Report shares: a section is a heading, a sentence or two in plain words, an SVG
chart (`core.charts`) and the data table beside it, which is also what its CSV download holds.

    Section(
        slug="sessions-and-hours",
        title="Sessions and hours of involvement",
        summary="42 sessions and 310 hours of involvement.",
        chart=bar_chart(...),
        table=Table(caption="Sessions and hours by month", headers=["Month", "Sessions", "Hours"],
                    rows=[["April 2026", "4", "28"], ...]),
    )

Figures are worked out by each app's queries for a `Filters` (a period and, if chosen, a team);
the pages and the PDF only lay sections out.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from coproduce.core.spreadsheets import neutralise


@dataclass(frozen=True)
class Filters:
    """What a person chose to look at: the days from `start` to `end` (both included) and, if
    chosen, one team."""

    start: date
    end: date
    team_id: int | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    # Each cell already written for reading ("£1,250.00", "12%", "fewer than 5").
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    slug: str  # the chart's id and the CSV's file name: lower case letters, digits and hyphens
    title: str
    summary: str
    chart: Markup | None
    table: Table


def csv_text(sections: Iterable[Section]) -> str:
    """The tables of these sections as one CSV, each under its caption, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    for number, section in enumerate(sections):
        if number:
            writer.writerow([])
        writer.writerow([neutralise(section.table.caption)])
        writer.writerow([neutralise(h) for h in section.table.headers])
        writer.writerows([neutralise(cell) for cell in row] for row in section.table.rows)
    return out.getvalue()
