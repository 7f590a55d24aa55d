"""Experts with photos, and their badges, for the badge tests."""

import io
from datetime import date

from django.core.files.base import ContentFile
from PIL import Image

from coproduce.accounts.roles import Role
from coproduce.onboarding import services
from coproduce.people.models import Expert
from tests.factories import ExpertFactory, UserFactory


def photo_file(colour: str = "teal", size: tuple[int, int] = (600, 800)) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="photo.jpg")


def expert_with_photo(**kwargs) -> Expert:
    expert = ExpertFactory(**kwargs)
    expert.photo.save("photo.jpg", photo_file(), save=True)
    return expert


def issued_badge(expert: Expert | None = None, *, today=date(2026, 3, 3), expires_on=None):
    return services.issue_badge(
        actor=UserFactory(role=Role.COORDINATOR),
        expert=expert or expert_with_photo(),
        expires_on=expires_on or date(today.year + 1, today.month, today.day),
        today=today,
    )
