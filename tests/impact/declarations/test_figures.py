"""The figures the dashboard may show: declarations started in a period by status, and the
entries of submitted declarations dated in the period by rung, with the share at co-design or
co-production; checked against a small known set, for everyone and for one team, in two
queries."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from coproduce.core.figures import Filters
from coproduce.impact.declarations import queries, services
from coproduce.impact.declarations.models import Status
from coproduce.opportunities.choices import Rung
from tests.factories import TeamFactory, UserFactory
from tests.impact.declarations.helpers import declaration, entry_words

pytestmark = pytest.mark.django_db

ZONE = timezone.get_default_timezone()
YEAR = (date(2026, 4, 1), date(2027, 3, 31))


def _started(on: date, **kwargs):
    with time_machine.travel(datetime(on.year, on.month, on.day, 10, tzinfo=ZONE), tick=False):
        return declaration(**kwargs)


@pytest.fixture
def known(coordinator):
    ours, theirs = TeamFactory(), TeamFactory()
    agreed = _started(
        date(2026, 5, 1),
        team=ours,
        entries=[
            entry_words(rung=Rung.CO_PRODUCTION, on=date(2026, 5, 12)),
            entry_words(rung=Rung.CONSULTATION, on=date(2026, 6, 1)),
        ],
        submit=True,
    )
    meeting = services.plan_meeting(actor=coordinator, held_on=date(2026, 6, 3), group=None)
    services.review(
        actor=coordinator,
        meeting=meeting,
        declaration=agreed,
        decision=Status.AGREED,
        comments="",
        follow_ups=[],
    )
    _started(
        date(2026, 6, 1),
        team=ours,
        entries=[
            entry_words(rung=Rung.CO_DESIGN, on=date(2026, 6, 10)),
            entry_words(rung=Rung.INFORMING, on=date(2027, 5, 1)),  # after the year
        ],
        submit=True,
    )
    # A draft: counted by status, its entries not counted until it is submitted.
    _started(
        date(2026, 7, 1),
        team=theirs,
        owner=UserFactory(role="staff", team=theirs),
        entries=[entry_words(rung=Rung.CO_PRODUCTION, on=date(2026, 7, 1))],
    )
    # Started before the year, with an entry in it.
    _started(
        date(2026, 3, 1),
        team=theirs,
        entries=[entry_words(rung=Rung.ENGAGEMENT, on=date(2026, 4, 20))],
        submit=True,
    )
    return ours, theirs


def test_declarations_by_status_and_entries_by_rung_for_the_year(known, django_assert_num_queries):
    with django_assert_num_queries(2):
        got = queries.figures(Filters(*YEAR))
    assert got.by_status == {
        "draft": 1,
        "waiting": 1,
        "agreed": 1,
        "follow_ups": 0,
        "needs_work": 0,
    }
    assert got.declarations == 3
    assert got.by_rung == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1, 7: 1}
    assert (got.entries, got.doing_with) == (4, 2)
    assert got.doing_with_share == Decimal(1) / Decimal(2)


def test_the_figures_for_one_team(known):
    ours, theirs = known
    got = queries.figures(Filters(*YEAR, team_id=ours.pk))
    assert (got.by_status["waiting"], got.by_status["agreed"], got.declarations) == (1, 1, 2)
    assert {rung: n for rung, n in got.by_rung.items() if n} == {4: 1, 6: 1, 7: 1}
    assert got.doing_with_share == Decimal(2) / Decimal(3)
    got = queries.figures(Filters(*YEAR, team_id=theirs.pk))
    assert (got.by_status["draft"], got.declarations, got.entries) == (1, 1, 1)
    assert got.doing_with_share == Decimal(0)


def test_a_period_with_nothing_has_no_share(known):
    got = queries.figures(Filters(date(2020, 1, 1), date(2020, 12, 31)))
    assert (got.declarations, got.entries, got.doing_with_share) == (0, 0, None)


def test_the_section_for_the_dashboard_says_the_figures_in_words_with_a_table(known):
    from coproduce.impact.declarations.presenters import section

    got = section(Filters(*YEAR))
    assert got.summary == (
        "3 declarations started (1 draft, 1 waiting for the board, 1 agreed). "
        "4 places where co-production took place or is planned, 50% of them at co-design "
        "or co-production."
    )
    assert got.table.rows[:3] == [["Co-production", "1"], ["Co-design", "1"], ["Engagement", "1"]]
    assert got.table.rows[-1] == ["Coercion", "0"]
    assert got.chart is not None and "Places declared" in got.chart
    empty = section(Filters(date(2020, 1, 1), date(2020, 12, 31)))
    assert empty.chart is None and empty.summary.startswith("0 declarations started.")
