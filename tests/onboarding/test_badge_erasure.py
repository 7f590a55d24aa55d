"""Erasing a person removes their photo ID badges and any printed sheet that has theirs on it;
the check page of their old badge then finds nothing."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from coproduce.onboarding.models import Badge, BadgePrint
from coproduce.people.erasure import erase_person
from tests.onboarding.helpers import issued_badge

pytestmark = pytest.mark.django_db


def test_erasing_a_person_removes_their_badges_and_printed_sheets(anonymous_client):
    badge = issued_badge(today=timezone.localdate())
    other = issued_badge(today=timezone.localdate())
    with_theirs = BadgePrint.objects.create(badge_ids=[badge.pk, other.pk], total=2)
    with_theirs.file.save("badges.pdf", ContentFile(b"%PDF-1.7\n"))
    without = BadgePrint.objects.create(badge_ids=[other.pk], total=1)
    without.file.save("badges.pdf", ContentFile(b"%PDF-1.7\n"))
    stored = with_theirs.file.name
    storage = with_theirs.file.storage

    erase_person(actor=None, expert=badge.expert)

    assert not Badge.objects.filter(expert=badge.expert).exists()
    with_theirs.refresh_from_db()
    without.refresh_from_db()
    assert not with_theirs.file and not storage.exists(stored)
    assert without.file
    check = anonymous_client.get(reverse("onboarding:badge_check", args=[badge.token]))
    assert check.status_code == 404


def test_a_subject_access_request_includes_their_badges():
    from coproduce.onboarding.personal_data import collect

    badge = issued_badge(today=timezone.localdate())
    section = collect(badge.expert)
    (entry,) = section.data["photo_id_badges"]
    assert entry["badge_number"] == badge.number
    assert entry["expires_on"] == badge.expires_on
