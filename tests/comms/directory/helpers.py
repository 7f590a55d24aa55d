"""Making directory entries, photos and events for the directory's tests."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from coproduce.comms.directory import services
from coproduce.comms.directory.models import DirectoryEntry, Event, OpenTo
from tests.factories import expert_with_account


def jpeg(width: int = 40, height: int = 20, colour: str = "blue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


def in_directory(
    first_name: str = "Priya", interests: str = "Gardening", **expert
) -> DirectoryEntry:
    person = expert_with_account(**expert)
    return services.set_entry(
        actor=person.user,
        expert=person,
        first_name=first_name,
        interests=interests,
        photo=services.NO_PHOTO,
    )


def event(**fields) -> Event:
    starts = timezone.now() + timedelta(days=fields.pop("in_days", 30))
    values = {
        "title": "Annual get-together",
        "description": "Lunch and a look back at the year.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "place": "Shirehall, Abbey Foregate, Shrewsbury",
        "online": False,
        "how_to_come": "",
        "open_to": OpenTo.EXPERTS,
        "capacity": None,
        "reply_by": None,
        "ask_dietary": True,
        "ask_access": True,
        "guests_allowed": 1,
    }
    values.update(fields)
    return services.save_event(actor=None, values=values)


def photo_file(content: bytes | None = None) -> ContentFile:
    return ContentFile(content or jpeg(), name="p.jpg")
