"""The demo's equality monitoring: about 6 in 10 experts answer, Exampleshire's population is
entered for every question, and the comparison shows some voices missing; quick to make."""

import random
import time
from datetime import date

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.core.figures import Filters
from coproduce.demo import accounts, equality, opportunities, people
from coproduce.demo.context import DemoContext
from coproduce.impact.equality import presenters
from coproduce.impact.equality.categories import CHARACTERISTICS
from coproduce.impact.equality.models import EqualityAnswers, FewestShown, Population
from coproduce.people.models import Expert
from tests.speed import limit

pytestmark = pytest.mark.django_db


def test_the_demo_answers_for_most_experts_and_shows_voices_missing():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    now = timezone.now()
    ctx = DemoContext(rng=random.Random(7), faker=faker, experts=400, now=now, say=lambda _: None)
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    started = time.perf_counter()
    equality.create(ctx)
    seconds = time.perf_counter() - started

    answered = EqualityAnswers.objects.count()
    experts = Expert.objects.processable().count()
    assert 0.5 * experts < answered < 0.7 * experts
    assert Population.objects.count() == len(CHARACTERISTICS)
    assert EqualityAnswers.objects.filter(religion="prefer_not").exists()
    assert seconds < limit(5)
    today = now.date()
    # A small demo register: with the fewest shown at 3, small groups can be compared.
    FewestShown.objects.create(fewest=3)
    comparisons = presenters.comparisons(
        Filters(start=date(today.year - 1, today.month, 1), end=today)
    )
    assert any(c.missing_labels for c in comparisons)
    equality.create(ctx)  # a second run adds nothing
    assert EqualityAnswers.objects.count() == answered
