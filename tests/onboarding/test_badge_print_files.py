"""Printed badge sheets (names and photos of many experts) are kept a week, then forgotten with
their files by a nightly task."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from coproduce.onboarding.models import BadgePrint
from coproduce.onboarding.print_files import forget_old_badge_prints
from coproduce.onboarding.tasks import forget_old_badge_prints as nightly
from coproduce.schedule import SCHEDULE

pytestmark = pytest.mark.django_db(transaction=True)


def _run(days_ago: float) -> BadgePrint:
    run = BadgePrint.objects.create(
        badge_ids=[1],
        total=1,
        prepared=1,
        state=BadgePrint.State.DONE,
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    run.file.save("badges.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return run


def test_sheets_older_than_a_week_go_with_their_files_and_newer_ones_stay():
    old, recent = _run(days_ago=8), _run(days_ago=6)
    storage, old_file = old.file.storage, old.file.name
    assert storage.exists(old_file)

    assert forget_old_badge_prints() == 1

    assert list(BadgePrint.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not storage.exists(old_file)
    assert storage.exists(recent.file.name)


def test_the_nightly_task_does_it_and_is_scheduled():
    _run(days_ago=30)
    assert nightly.enqueue().return_value == 1
    assert not BadgePrint.objects.exists()
    assert SCHEDULE["coproduce.onboarding.tasks.forget_old_badge_prints"] == "30 3 * * *"
