"""The figures a dashboard reads: concerns raised and closed in a period, and the median days
to a first reply and to closing, each checked against a small known set."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coproduce.impact.concerns.models import Concern
from coproduce.impact.concerns.queries import figures
from tests.impact.concerns.helpers import raised

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _concern(raised_on: datetime, *, reply_after=None, close_after=None, safeguarding=False):
    concern = raised(safeguarding=safeguarding)
    Concern.objects.filter(pk=concern.pk).update(
        raised_at=raised_on,
        first_response_at=raised_on + reply_after if reply_after is not None else None,
        closed_at=raised_on + close_after if close_after is not None else None,
        status=Concern.Status.CLOSED if close_after is not None else Concern.Status.OPEN,
    )


def test_figures_for_a_month():
    march = datetime(2026, 3, 2, 10, tzinfo=LONDON)
    _concern(march, reply_after=timedelta(days=1), close_after=timedelta(days=4))
    _concern(march, reply_after=timedelta(days=2), close_after=timedelta(days=10))
    _concern(march, reply_after=timedelta(days=6), safeguarding=True)
    _concern(march)  # no reply yet: not in the median
    # Raised in February, closed in March: counts as closed in March, with its 30 days.
    _concern(datetime(2026, 2, 1, 10, tzinfo=LONDON), close_after=timedelta(days=30))
    # April: outside the period.
    _concern(datetime(2026, 4, 1, 10, tzinfo=LONDON), reply_after=timedelta(days=1))
    got = figures(date(2026, 3, 1), date(2026, 3, 31))
    assert got.raised == 4
    assert got.raised_safeguarding == 1
    assert got.closed == 3
    assert got.median_days_to_first_response == Decimal("2.0")
    # 4, 10 and 30 days: the middle one.
    assert got.median_days_to_close == Decimal("10.0")


def test_an_even_count_takes_the_middle_two():
    day = datetime(2026, 5, 4, 9, tzinfo=LONDON)
    _concern(day, reply_after=timedelta(days=1))
    _concern(day, reply_after=timedelta(days=2))
    _concern(day, reply_after=timedelta(hours=12))
    _concern(day, reply_after=timedelta(days=4))
    got = figures(date(2026, 5, 1), date(2026, 5, 31))
    assert got.median_days_to_first_response == Decimal("1.5")


def test_a_period_with_nothing_has_no_medians():
    got = figures(date(2020, 1, 1), date(2020, 12, 31))
    assert (got.raised, got.closed) == (0, 0)
    assert got.median_days_to_first_response is None
    assert got.median_days_to_close is None
