"""The demo's ambitions: seven in force and one retired, with work linked to each so that
this year's progress shows real numbers against targets; quick to make."""

import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.core.figures import Filters
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.demo import accounts, ambitions, opportunities, outcomes, people
from coproduce.demo.context import DemoContext
from coproduce.impact.ambitions import queries
from coproduce.impact.ambitions.models import Ambition, AmbitionLink
from tests.speed import limit

pytestmark = pytest.mark.django_db


def test_the_demo_sets_seven_ambitions_with_work_and_progress():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    now = timezone.now()
    ctx = DemoContext(rng=random.Random(7), faker=faker, experts=300, now=now, say=lambda _: None)
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    outcomes.create(ctx)
    started = time.perf_counter()
    ambitions.create(ctx)
    seconds = time.perf_counter() - started

    in_force = list(queries.in_force())
    assert len(in_force) == 7
    assert in_force[0].title == "Experts are involved before decisions are made"
    assert queries.retired().count() == 1
    counts = queries.linked_counts([a.pk for a in in_force])
    assert all(counts.get(a.pk, 0) > 0 for a in in_force), counts
    year = financial_year(financial_year_of(timezone.localdate()))
    progress = queries.progress(Filters(start=year.first, end=year.last), in_force)
    assert sum(row.sessions for row in progress) > 0
    assert sum(row.hours for row in progress) > 0
    assert any(row.towards_target is not None and row.towards_target > 0 for row in progress)
    assert seconds < limit(5)
    links = AmbitionLink.objects.count()
    ambitions.create(ctx)  # a second run adds nothing
    assert Ambition.objects.count() == 8
    assert AmbitionLink.objects.count() == links
