"""The demo's outcomes: past work with "you said, we did" told back to the experts who
attended, some where nothing changed, and some overdue; quick to make."""

import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.demo import accounts, opportunities, outcomes, people
from coproduce.demo.context import DemoContext
from coproduce.impact.outcomes import queries
from coproduce.impact.outcomes.models import Outcome, Telling
from tests.speed import limit

pytestmark = pytest.mark.django_db


def test_the_demo_records_outcomes_tells_experts_and_leaves_some_overdue():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    ctx = DemoContext(
        rng=random.Random(7), faker=faker, experts=300, now=timezone.now(), say=lambda _: None
    )
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    started = time.perf_counter()
    outcomes.create(ctx)
    seconds = time.perf_counter() - started

    recorded = Outcome.objects.count()
    assert recorded > 20
    assert Outcome.objects.filter(changed=False).exclude(why_nothing="").exists()
    said = Outcome.objects.filter(changed=True).first()
    assert said.pairs and said.pairs[0]["said"] and said.pairs[0]["did"]
    assert Telling.objects.filter(told_at__isnull=False).exists()
    assert queries.overdue_count() > 0
    assert seconds < limit(5)
    outcomes.create(ctx)  # a second run adds nothing
    assert Outcome.objects.count() == recorded
