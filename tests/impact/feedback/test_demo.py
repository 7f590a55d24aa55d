"""The demo's feedback: everyone who attended since the start of the last complete financial
year was asked; some answered with their name, some anonymously, some not yet; the first demo
expert has a meeting to tell us about."""

import random
import time
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.demo import accounts, feedback, opportunities, people
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.impact.feedback import queries
from coproduce.impact.feedback.models import FeedbackAnswer, FeedbackRequest
from coproduce.opportunities.models import Invitation
from coproduce.people.models import Expert
from tests.speed import limit

pytestmark = pytest.mark.django_db


def _demo(experts: int = 300) -> tuple[DemoContext, float]:
    faker = Faker("en_GB")
    faker.seed_instance(7)
    ctx = DemoContext(
        rng=random.Random(7), faker=faker, experts=experts, now=timezone.now(), say=lambda _: None
    )
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    started = time.perf_counter()
    feedback.create(ctx)
    return ctx, time.perf_counter() - started


def test_the_demo_asks_everyone_who_came_lately_and_some_answer():
    ctx, seconds = _demo()

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
    assert seconds < limit(5)
    feedback.create(ctx)  # a second run adds nothing
    assert FeedbackRequest.objects.count() == requests


def test_the_demo_asks_about_every_place_since_the_last_complete_financial_year():
    ctx, _ = _demo()
    since = feedback.asked_since(timezone.localdate(ctx.now))
    # The last complete financial year, whole: the dashboard and the annual report show it.
    assert (since.month, since.day) == (4, 1)
    assert timezone.localdate(ctx.now) - since > timedelta(days=365)
    start = timezone.make_aware(datetime(since.year, since.month, since.day))
    came = Invitation.objects.filter(
        attendance="attended", session__status="scheduled", session__ends_at__lte=ctx.now
    )
    asked = FeedbackRequest.objects.values_list("invitation_id", flat=True)
    assert set(asked) == set(came.filter(session__ends_at__gte=start).values_list("pk", flat=True))
    assert came.filter(session__ends_at__lt=start).exists()  # older places were not asked
    # About ANSWERS_PER_EXPERT answers an expert (50,000 for 20,000), a third anonymous.
    answers = FeedbackAnswer.objects.count()
    expected = feedback.ANSWERS_PER_EXPERT * 300
    assert 0.85 * expected < answers < 1.15 * expected
    anonymous = FeedbackAnswer.objects.filter(expert__isnull=True).count()
    assert 0.25 < anonymous / answers < 0.45
    # Answers are spread over the year, not only the last two months.
    old = ctx.now - timedelta(days=queries.PORTAL_DAYS)
    assert FeedbackAnswer.objects.filter(session__ends_at__lt=old).count() > answers / 2


def test_the_first_demo_expert_has_recent_meetings_waiting_and_older_ones_answered():
    ctx, _ = _demo()
    first = Expert.objects.get(user__email=DEMO_EXPERTS[0].email)
    waiting_since = ctx.now - timedelta(days=queries.PORTAL_DAYS)
    theirs = FeedbackRequest.objects.filter(invitation__expert=first)
    recent = theirs.filter(invitation__session__ends_at__gt=waiting_since)
    assert recent.exists() and not recent.filter(answered=True).exists()
    waiting = queries.waiting_for(first, now=ctx.now)
    assert {i.pk for i in waiting} == set(recent.values_list("invitation_id", flat=True))
    # What they told us before is kept with their name (their own data, their year).
    older = theirs.filter(answered=True)
    assert older.count() == FeedbackAnswer.objects.filter(expert=first).count()
