"""The demo's surveys: one closed with about 200 responses (by link from the demo's members,
the rest on paper), one open for a constituency; results read from them as from real ones."""

import pytest
from django.utils import timezone

from coproduce.demo import surveys as demo
from coproduce.demo.context import DemoContext
from coproduce.membership.surveys import presenters, queries
from coproduce.membership.surveys.models import Response, Survey
from tests.membership.surveys.helpers import constituencies, member

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_closed_survey_with_200_responses_and_an_open_one():
    north, staff = constituencies()
    for n in range(150):
        member(north if n % 3 else staff, n)
    said: list[str] = []
    ctx = DemoContext.seeded(seed=1, experts=10, now=timezone.now(), say=said.append)

    demo.create(ctx)

    closed = Survey.objects.get(status="closed")
    opened = Survey.objects.get(status="open")
    assert Response.objects.filter(survey=closed).count() == demo.CLOSED_RESPONSES
    by_link = Response.objects.filter(survey=closed, member__isnull=False).count()
    assert 150 >= by_link >= 150 * 0.8
    assert Response.objects.filter(survey=opened).count() == demo.OPEN_RESPONSES
    assert opened.constituency == north
    assert not Response.objects.filter(survey=opened).exclude(constituency=north).exists()
    found = presenters.results(closed, queries.questions(closed), queries.counts(closed))
    assert found.counts.responses == 200 and len(found.sections) == 5
    demo.create(ctx)  # a second run leaves them as they are
    assert Survey.objects.count() == 2 and said[-1] == "Members' surveys: already there"
