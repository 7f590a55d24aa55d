"""The demo's feedback: everyone who attended lately was asked; some answered with their
name, some anonymously, some not yet; the first demo expert has a meeting to tell us about."""

import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.demo import accounts, feedback, opportunities, people
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.impact.feedback import queries
from coproduce.impact.feedback.models import FeedbackAnswer, FeedbackRequest
from coproduce.people.models import Expert

pytestmark = pytest.mark.django_db


def test_the_demo_asks_everyone_who_came_lately_and_some_answer():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    ctx = DemoContext(
        rng=random.Random(7), faker=faker, experts=300, now=timezone.now(), say=lambda _: None
    )
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    started = time.perf_counter()
    feedback.create(ctx)
    seconds = time.perf_counter() - started

    requests = FeedbackRequest.objects.count()
    assert requests > 20
    answers = FeedbackAnswer.objects
    assert answers.filter(expert__isnull=True).exists()
    assert answers.filter(expert__isnull=False, request__isnull=False).exists()
    assert answers.exclude(comments="").exists()
    assert FeedbackRequest.objects.filter(answered=False).exists()
    # Every answered request has one answer; every named answer its own request.
    assert answers.count() == FeedbackRequest.objects.filter(answered=True).count()
    assert all(
        a.request.invitation.expert_id == a.expert_id
        for a in answers.filter(expert__isnull=False).select_related("request__invitation")
    )
    first = Expert.objects.get(user__email=DEMO_EXPERTS[0].email)
    assert queries.waiting_for(first)
    assert seconds < 5
    feedback.create(ctx)  # a second run adds nothing
    assert FeedbackRequest.objects.count() == requests
