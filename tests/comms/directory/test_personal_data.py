"""The directory's and events' part of a person's data: in their subject access export, and
gone when they are erased (the photo's file too)."""

from pathlib import Path

import pytest

from coproduce.comms.directory import services
from coproduce.comms.directory.models import DirectoryEntry, EventReply
from coproduce.comms.directory.personal_data import collect
from coproduce.people.erasure import erase_person
from tests.comms.directory.helpers import event, photo_file

pytestmark = pytest.mark.django_db


def _joined_and_replied(expert):
    entry = services.set_entry(
        actor=None,
        expert=expert,
        first_name="Eve",
        interests="Birdwatching",
        photo=services.NEW_PHOTO,
        upload=photo_file(),
    )
    services.reply_to_event(
        actor=None,
        expert=expert,
        event=event(title="Summer celebration"),
        values=services.ReplyValues(answer="yes", dietary=("vegan",), access_other="A ramp"),
    )
    return entry


def test_the_export_holds_their_entry_photo_and_replies_with_needs(expert):
    _joined_and_replied(expert)
    section = collect(expert)
    assert section.data["directory_entry"]["interests"] == "Birdwatching"
    assert [name for name, _ in section.files] == ["directory-photo.jpg"]
    (reply,) = section.data["event_replies"]
    assert reply["event"] == "Summer celebration"
    assert reply["reply"] == "Coming"
    assert reply["dietary_needs"] == "Vegan"
    assert reply["access_needs"] == "A ramp"


def test_someone_with_nothing_here_has_an_empty_part(expert):
    assert collect(expert).data == {"directory_entry": None, "event_replies": []}


def test_erasure_removes_the_entry_its_photo_and_the_replies(
    expert, django_capture_on_commit_callbacks
):
    entry = _joined_and_replied(expert)
    photo = Path(entry.photo.path)
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=None, expert=expert)
    assert not DirectoryEntry.objects.exists()
    assert not EventReply.objects.exists()
    assert not photo.exists()
