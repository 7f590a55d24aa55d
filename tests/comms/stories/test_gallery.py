"""The public gallery, a published story and display mode: open without signing in, with a
fixed number of queries however many stories, and nothing personal beyond what was
consented to (not the writer, not how consent was given)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.comms.stories.models import StoryStatus
from tests.comms.stories.helpers import award_round, nomination, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_gallery_takes_the_same_queries_for_two_stories_as_for_a_full_page(client):
    for number in range(2):
        story(status=StoryStatus.PUBLISHED, photos=2, title=f"Story {number}")
    few = _queries(client, reverse("stories:working_together_gallery"))
    for number in range(20):
        story(status=StoryStatus.PUBLISHED, photos=2, title=f"More {number}")
    assert _queries(client, reverse("stories:working_together_gallery")) == few
    assert _queries(client, reverse("stories:working_together_display")) <= few


def test_the_gallery_pages_and_shows_only_published_stories(client):
    for number in range(14):
        story(status=StoryStatus.PUBLISHED, title=f"Published {number:02}")
    story(status=StoryStatus.SUBMITTED, title="Still waiting")
    story(status=StoryStatus.WITHDRAWN, title="Taken down")
    first = client.get(reverse("stories:working_together_gallery")).content.decode()
    assert "Page 1 of 2" in first
    assert "Still waiting" not in first and "Taken down" not in first
    second = client.get(reverse("stories:working_together_gallery") + "?page=2").content.decode()
    assert "Published" in second


def test_nothing_personal_is_shown_publicly(client):
    writer = UserFactory(full_name="Priya Private")
    published = story(status=StoryStatus.PUBLISHED, by=writer, photos=1)
    for url in (
        reverse("stories:working_together_gallery"),
        reverse("stories:working_together_story", args=[published.pk]),
        reverse("stories:working_together_display"),
        reverse("public_pages:involvement_here"),
    ):
        page = client.get(url).content.decode()
        assert published.title in page
        assert "Priya Private" not in page
        assert "in writing" not in page  # how consent was given stays private


def test_award_winners_appear_in_the_gallery_once_announced(client):
    award = award_round(year=2026)
    nomination(award, nominee="Hidden until announced", winner=True)
    nomination(award, nominee="Not a winner")
    page = client.get(reverse("stories:working_together_gallery")).content.decode()
    assert "Hidden until announced" not in page
    award.announced_at = award.created_at
    award.save()
    page = client.get(reverse("stories:working_together_gallery")).content.decode()
    assert "Hidden until announced" in page and "For listening." in page
    assert "Not a winner" not in page


def test_display_mode_moves_on_by_itself_without_scripts_unless_paused(client):
    for number in range(3):
        story(status=StoryStatus.PUBLISHED, title=f"Slide {number}")
    url = reverse("stories:working_together_display")
    page = client.get(url + "?slide=1&seconds=20").content.decode()
    assert '<meta http-equiv="refresh" content="20;url=' + url + '?slide=2&amp;seconds=20"' in page
    assert "Story 2 of 3" in page
    assert "Pause the slides" in page
    paused = client.get(url + "?slide=1&paused=yes").content.decode()
    assert 'http-equiv="refresh"' not in paused
    assert "Play the slides" in paused
    assert "<script>" not in page.replace(" nonce=", "")  # only NHS.UK's nonced script
    assert "stories/display.mjs" in page


def test_display_mode_with_no_stories_says_so(client):
    page = client.get(reverse("stories:working_together_display")).content.decode()
    assert "Stories of working together will show here." in page
    assert 'http-equiv="refresh"' not in page
