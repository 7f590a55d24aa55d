"""The demo's declarations: several programmes in different states, one reviewed by the
Co-production Board with follow-ups (one overdue), quick to make and made once."""

import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.demo import accounts, declarations, opportunities, people
from coproduce.demo.context import DemoContext
from coproduce.impact.declarations import queries
from coproduce.impact.declarations.models import Declaration, FollowUp, Review, Status
from tests.speed import limit

pytestmark = pytest.mark.django_db


def test_the_demo_has_declarations_in_each_state_and_a_board_review_with_follow_ups():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    ctx = DemoContext(
        rng=random.Random(7), faker=faker, experts=60, now=timezone.now(), say=lambda _: None
    )
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    started = time.perf_counter()
    declarations.create(ctx)
    seconds = time.perf_counter() - started

    statuses = set(Declaration.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    assert Review.objects.filter(decision=Status.FOLLOW_UPS, meeting__group__isnull=False).exists()
    assert FollowUp.objects.filter(done_at__isnull=False).exists()
    assert queries.totals().overdue_follow_ups == 1
    assert queries.totals().waiting == 2
    hannah = Declaration.objects.filter(owner__email=accounts.STAFF[3].email)
    assert hannah.exists()  # the demo staff sign-in has one to see
    assert seconds < limit(5)
    count = Declaration.objects.count()
    declarations.create(ctx)  # a second run adds nothing
    assert Declaration.objects.count() == count
