"""The demo's training: courses of every kind; most active experts trained in induction and
safeguarding; a few dozen in investigations, all still valid; some running out within the
month and some run out; staff inductions; quick enough for 20,000 experts."""

import random
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.demo import accounts, people, training
from coproduce.demo.context import DemoContext
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.training import queries
from coproduce.training.models import Course, CourseKind, TrainingRecord
from tests.speed import limit

pytestmark = pytest.mark.django_db


def _ctx(experts: int) -> DemoContext:
    faker = Faker("en_GB")
    faker.seed_instance(7)
    return DemoContext(
        rng=random.Random(7), faker=faker, experts=experts, now=timezone.now(), say=lambda _: None
    )


def test_the_demo_trains_most_active_experts_and_some_staff():
    ctx = _ctx(1500)
    accounts.create(ctx)
    people.create(ctx)
    started = time.perf_counter()
    training.create(ctx)
    seconds = time.perf_counter() - started

    assert {c.kind for c in Course.objects.all()} == set(CourseKind.values)
    active = Expert.objects.filter(status=Status.ACTIVE).count()
    today = timezone.localdate()
    held = queries.valid_course_kinds(["induction", "safeguarding", "investigation"], today)
    assert sum(1 for kinds in held.values() if "induction" in kinds) > active * 0.7
    assert sum(1 for kinds in held.values() if "safeguarding" in kinds) > active * 0.5
    assert 40 <= sum(1 for kinds in held.values() if "investigation" in kinds) <= 60
    records = TrainingRecord.objects.all()
    assert records.filter(expires_on__gt=today, expires_on__lte=today + timedelta(days=30)).exists()
    assert records.filter(expires_on__lte=today).exists()
    assert records.filter(course__kind="development").exists()
    assert records.filter(staff__isnull=False, course__kind="staff_induction").exists()
    # 20,000 experts in a few seconds: 1,500 take well under a second.
    assert seconds < limit(2)


def test_running_the_demo_again_trains_nobody_twice():
    from django.db.models import Count

    ctx = _ctx(50)
    accounts.create(ctx)
    people.create(ctx)
    training.create(ctx)
    training.create(ctx)
    assert Course.objects.count() == len(training.COURSES)
    twice = (
        TrainingRecord.objects.values("expert_id", "staff_id", "course_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not twice.exists()
