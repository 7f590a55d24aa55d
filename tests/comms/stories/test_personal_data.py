"""A person's Working Together data: in their subject access export, and on erasure their
unpublished stories go, their published ones stay without pointing to them and without
photos, and nominations they made or that name them no longer identify them."""

import pytest

from coproduce.comms.stories import personal_data
from coproduce.comms.stories.models import Nomination, Story, StoryPhoto, StoryStatus
from coproduce.people.erasure import erase_person
from tests.comms.stories.helpers import award_round, nomination, story
from tests.factories import expert_with_account

pytestmark = pytest.mark.django_db


def test_their_stories_and_nominations_are_in_their_subject_access_export():
    expert = expert_with_account(full_name="Ada Expert")
    written = story(by=expert.user, photos=1)
    award = award_round()
    nomination(award, nominee="The ward team", by=expert.user)
    nomination(award, nominee="Ada Expert")
    section = personal_data.collect(expert)
    assert section.data["stories_written"][0]["title"] == written.title
    assert section.data["stories_written"][0]["photos"][0]["consent"] == "All of them, in writing"
    assert section.data["award_nominations_made"][0]["nominee"] == "The ward team"
    assert len(section.data["award_nominations_naming_them"]) == 1
    assert [name for name, _ in section.files] == [f"story-{written.pk}-photo-1.jpg"]


def test_erasure_removes_them_from_stories_and_nominations(django_capture_on_commit_callbacks):
    expert = expert_with_account(full_name="Ada Expert")
    draft = story(by=expert.user, photos=1, title="A draft")
    published = story(by=expert.user, status=StoryStatus.PUBLISHED, photos=1, title="Out there")
    photo_names = list(StoryPhoto.objects.values_list("image", flat=True))
    award = award_round()
    made = nomination(award, nominee="The ward team", by=expert.user)
    about = nomination(award, nominee="Ada Expert", winner=True)
    storage = StoryPhoto._meta.get_field("image").storage

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=None, expert=expert)

    assert not Story.objects.filter(pk=draft.pk).exists()
    published.refresh_from_db()
    assert published.status == StoryStatus.PUBLISHED and published.submitted_by is None
    assert not StoryPhoto.objects.exists()
    assert not any(storage.exists(name) for name in photo_names)
    made.refresh_from_db()
    assert made.nominated_by is None
    about.refresh_from_db()
    assert "Ada" not in about.nominee and "Ada" not in about.shown_as
    assert about.reason == ""
    assert Nomination.objects.count() == 2
