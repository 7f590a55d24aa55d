"""The demo's directory and events: the first demo expert is in a directory of a dozen, the
annual get-together has replies with a headcount and needs, and the public open day is what
the public pages read."""

import random

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.comms.directory import queries
from coproduce.comms.directory.models import DirectoryEntry, Event, EventReply
from coproduce.demo import accounts, meeting, people
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_directory_and_two_events_with_replies():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    ctx = DemoContext(
        rng=random.Random(7), faker=faker, experts=60, now=timezone.now(), say=lambda _: None
    )
    accounts.create(ctx)
    people.create(ctx)
    meeting.create(ctx)
    meeting.create(ctx)  # a second run adds nothing

    assert DirectoryEntry.objects.count() == meeting.IN_DIRECTORY
    first = DirectoryEntry.objects.select_related("expert").get(expert__email=DEMO_EXPERTS[0].email)
    assert queries.is_listed(first, first.expert)
    assert Event.objects.count() == 2
    get_together = queries.event_with_counts(Event.objects.get(open_to="experts").pk)
    assert EventReply.objects.filter(event=get_together).count() > 10
    assert get_together.headcount >= get_together.coming > 0
    assert [e.title for e in queries.upcoming_open_events(5)] == ["Open day: get involved"]
