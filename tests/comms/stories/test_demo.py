"""The Working Together demo data: published stories with pictures, one waiting, last year's
winners in the gallery and this year's award open."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.comms.stories.models import AwardRound, Story, StoryStatus
from coproduce.demo import stories
from coproduce.demo.context import DemoContext
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_makes_stories_and_awards_that_the_gallery_shows(client):
    UserFactory(role=Role.INVOLVEMENT_LEAD)
    UserFactory(role=Role.STAFF)
    said = []
    ctx = DemoContext.seeded(
        seed=1, experts=0, now=datetime(2026, 12, 3, 9, tzinfo=UTC), say=said.append
    )
    stories.create(ctx)
    stories.create(ctx)  # a second run adds nothing
    assert Story.objects.filter(status=StoryStatus.PUBLISHED).count() == 5
    assert AwardRound.objects.count() == 2
    assert said[-1] == "Working Together: already there"
    page = client.get(reverse("stories:working_together_gallery")).content.decode()
    assert "Experts rewrote the discharge letter" in page
    assert "For asking experts first" in page
