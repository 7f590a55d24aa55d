"""Making Working Together records for tests: stories in each status, a tiny real JPEG, award
rounds and nominations."""

import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from coproduce.accounts.roles import Role
from coproduce.comms.stories.models import (
    AwardRound,
    Nomination,
    Story,
    StoryPhoto,
    StoryStatus,
)
from tests.factories import UserFactory


def jpeg_bytes(colour: str = "blue", size: tuple[int, int] = (16, 12), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        image.save(out, format="JPEG", exif=data)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def upload(name: str = "team.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def story(
    *,
    status: str = StoryStatus.DRAFT,
    by=None,
    title: str = "Experts rewrote the discharge letter",
    photos: int = 0,
) -> Story:
    by = by or UserFactory(role=Role.STAFF)
    now = timezone.now()
    made = Story.objects.create(
        title=title,
        what_was_done="Six experts and the ward team read the letter together.",
        who_took_part="Six experts and the ward team",
        what_changed="The letter is now one page, in plain English.",
        status=status,
        submitted_by=by,
        submitted_at=now if status != StoryStatus.DRAFT else None,
        published_at=now if status in (StoryStatus.PUBLISHED, StoryStatus.WITHDRAWN) else None,
    )
    for number in range(photos):
        add_photo(made, alt=f"Photo {number + 1} of people around a table")
    return made


def add_photo(story: Story, alt: str = "People around a table") -> StoryPhoto:
    photo = StoryPhoto(
        story=story, alt_text=alt, everyone_consented=True, consent_how="All of them, in writing"
    )
    photo.image.save("p.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return photo


def award_round(*, year: int = 2026, open_days: int = 10, panel=(), **kwargs) -> AwardRound:
    today = timezone.localdate()
    made = AwardRound.objects.create(
        year=year,
        opens_on=kwargs.get("opens_on", today - timedelta(days=open_days)),
        closes_on=kwargs.get("closes_on", today + timedelta(days=open_days)),
    )
    made.panel.set(panel)
    return made


def closed_round(year: int = 2025) -> AwardRound:
    today = timezone.localdate()
    return award_round(
        year=year, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )


def nomination(
    award: AwardRound, *, nominee: str = "The discharge team", winner: bool = False, **kwargs
) -> Nomination:
    return Nomination.objects.create(
        award=award,
        category=kwargs.get("category", "team"),
        nominee=nominee,
        reason="They rewrote the letter with experts.",
        nominated_by=kwargs.get("by"),
        shortlisted=winner,
        winner=winner,
        shown_as=nominee if winner else "",
        citation="For listening." if winner else "",
    )


__all__ = ["date"]
