"""Progress against each ambition on a small known data set (tests/impact/ambitions/data.py),
with exact numbers, in a fixed number of queries; and the dashboard's section."""

from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coproduce.core.figures import csv_text
from coproduce.impact.ambitions import presenters, queries
from tests.impact.ambitions.data import NOW, YEAR, known

pytestmark = pytest.mark.django_db


def _figures(row):
    return (
        row.work,
        row.sessions,
        row.hours,
        row.experts,
        row.doing_with_hours,
        row.outcomes,
    )


def test_progress_counts_the_linked_work_in_the_year_in_three_queries():
    data = known()
    with CaptureQueriesContext(connection) as seen:
        a, b, c = queries.progress(YEAR, [data.a, data.b, data.c], now=NOW)
    assert len(seen.captured_queries) == 3
    assert _figures(a) == (2, 2, Decimal("9"), 3, Decimal("5"), 2)
    assert _figures(b) == (1, 1, Decimal("5"), 2, Decimal("5"), 1)
    assert _figures(c) == (0, 0, Decimal("0"), 0, Decimal("0"), 0)
    assert a.doing_with_share == Decimal(5) / Decimal(9)
    assert a.towards_target == Decimal("0.9")
    assert b.towards_target is None
    assert c.towards_target == Decimal("0")
    assert c.doing_with_share is None


def test_progress_for_one_team_counts_only_its_work():
    data = known()
    a, b, _ = queries.progress(replace(YEAR, team_id=data.south), [data.a, data.b, data.c], now=NOW)
    assert _figures(a) == (1, 1, Decimal("4"), 2, Decimal("0"), 0)
    assert _figures(b) == (0, 0, Decimal("0"), 0, Decimal("0"), 0)


def test_last_year_counts_only_what_happened_then():
    data = known()
    last_year = replace(YEAR, start=YEAR.start.replace(year=2024), end=YEAR.end.replace(year=2025))
    (a,) = queries.progress(last_year, [data.a], now=NOW)
    assert _figures(a) == (1, 1, Decimal("4"), 1, Decimal("4"), 0)


def test_the_dashboard_section_gives_each_ambition_in_force_in_words(django_assert_num_queries):
    data = known()
    data.b.retired_at = NOW
    data.b.save()
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(4):
        section = presenters.section(YEAR)
    assert section.slug == "ambitions-progress"
    assert section.title == "Progress against our ambitions"
    assert (
        section.summary == "2 ambitions, 1 with work in the period. 0 of 2 yearly targets reached."
    )
    assert section.table.caption == (
        "Progress against our ambitions, Tuesday 1 April 2025 to Tuesday 31 March 2026"
    )
    assert section.table.rows == [
        [
            "Experts are involved before decisions are made",
            "2",
            "2",
            "9",
            "3",
            "56%",
            "2",
            "9 of 10 (90%)",
        ],
        [
            "Every piece of work says what changed",
            "0",
            "0",
            "0",
            "0",
            "None yet",
            "0",
            "0 of 3 (0%)",
        ],
    ]
    assert 'role="img"' in section.chart
    text = csv_text([section])
    assert "Ambition,Pieces of work,Sessions held" in text
    # Confidential work is counted, never named.
    assert "Serious incident review" not in text + section.chart


def test_a_section_with_no_ambitions_says_so():
    section = presenters.section(YEAR)
    assert section.summary == "No ambitions have been set yet."
    assert section.chart is None
    assert section.table.rows == []
